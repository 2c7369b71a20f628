using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Actors;

/// <summary>
/// One actor: its bounded mailbox, its processing loop and its current incarnation. The cell
/// outlives incarnations (a restart swaps the <see cref="Actor"/> instance, not the cell), so it
/// is also the actor's <see cref="IActorRef"/>.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The cell's lifetime is its loop: TerminateAsync disposes the stop source; tasks need no disposal.")]
internal sealed partial class ActorCell : IActorRef
{
    private const int Running = 0;
    private const int Stopping = 1;
    private const int Stopped = 2;

    /// <summary>The cell whose loop this async flow runs in, so StopAsync(Self) from a handler does not wait for itself.</summary>
    private static readonly AsyncLocal<ActorCell?> CurrentCell = new();

    private readonly ActorSystem _system;
    private readonly Props _props;
    private readonly ILogger _logger;
    private readonly Channel<Envelope> _mailbox;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ActorContext _context;
    private readonly RestartBudget _budget;
    private readonly Action<ActorCell>? _onTerminated;
    private readonly Task<Task> _run;
    private Actor? _actor;
    private Exception? _escalation;
    private int _state;

    // Messages accepted and not finished: queued, being handled, or failed and being restarted
    // after. Raised before a write and lowered after handling, so IsIdle never reports a message
    // in flight as idle (it may briefly report a just-finished actor as busy, which is harmless).
    private int _pending;

    public ActorCell(ActorSystem system, string path, Props props, Action<ActorCell>? onTerminated)
    {
        _system = system;
        _props = props;
        _logger = system.Logger;
        _onTerminated = onTerminated;
        Path = path;
        _mailbox = Channel.CreateBounded<Envelope>(new BoundedChannelOptions(props.MailboxCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        _context = new ActorContext(this, system, _stopping.Token);
        _budget = new RestartBudget(props.Supervisor, system.TimeProvider);
        _run = new Task<Task>(RunAsync);
        Completion = _run.Unwrap();
    }

    public string Path { get; }

    public ActorSystem System => _system;

    public bool IsIdle => Volatile.Read(ref _state) == Running && Volatile.Read(ref _pending) == 0;

    /// <summary>True once a stop was requested: the actor takes no more messages.</summary>
    public bool IsStopping => Volatile.Read(ref _state) != Running;

    public int RestartCount => _budget.TotalRestarts;

    /// <summary>Completes when the loop has ended: PostStop ran and the mailbox was failed.</summary>
    public Task Completion { get; }

    public void Start() => _run.Start(TaskScheduler.Default);

    /// <summary>Stops after the current message; waits for the loop unless called from the actor itself.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        RequestStop();
        return CurrentCell.Value == this ? Task.CompletedTask : Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Closes the mailbox and wakes the loop. Idempotent and callable from any thread.</summary>
    public void RequestStop()
    {
        if (Interlocked.CompareExchange(ref _state, Stopping, Running) != Running)
        {
            return;
        }

        _mailbox.Writer.TryComplete();
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The loop saw the state change first and has already terminated.
        }
    }

    private async Task RunAsync()
    {
        CurrentCell.Value = this;
        try
        {
            if (!IsStopping && await StartIncarnationAsync() is { } failure)
            {
                await RestartAsync(failure);
            }

            await ProcessMailboxAsync();
        }
        catch (Exception ex)
        {
            // Only a kernel bug gets here: handler failures are caught in DeliverAsync.
            ActorLog.ActorKernelFailed(_logger, Path, ex);
            _escalation ??= ex;
        }
        finally
        {
            await TerminateAsync();
        }
    }

    private async Task ProcessMailboxAsync()
    {
        var reader = _mailbox.Reader;
        while (!IsStopping)
        {
            if (!reader.TryRead(out var envelope))
            {
                // Completing the writer on stop wakes this wait; no token needed.
                if (!await reader.WaitToReadAsync())
                {
                    return;
                }

                continue;
            }

            if (IsStopping)
            {
                FailStopped(envelope);
                return;
            }

            await DeliverAsync(envelope);
            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task DeliverAsync(Envelope envelope)
    {
        Exception? failure = null;
        _context.BeginMessage(envelope.Reply);
        try
        {
            await _actor!.ReceiveAsync(envelope.Message);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            _context.EndMessage();
        }

        if (failure is null)
        {
            _budget.OnSuccess();
            return;
        }

        envelope.Reply?.TrySetException(ActorFailedException.For(Path, failure));
        await HandleFailureAsync(failure);
    }

    private async Task TerminateAsync()
    {
        RequestStop();
        await StopIncarnationAsync();
        while (_mailbox.Reader.TryRead(out var envelope))
        {
            FailStopped(envelope);
        }

        Volatile.Write(ref _state, Stopped);
        _stopping.Dispose();
        _onTerminated?.Invoke(this);
        if (_escalation is { } cause)
        {
            _system.OnEscalated(this, cause, RestartCount);
        }
    }

    private void FailStopped(Envelope envelope)
    {
        envelope.Reply?.TrySetException(ActorStoppedException.For(Path));
        Interlocked.Decrement(ref _pending);
    }
}
