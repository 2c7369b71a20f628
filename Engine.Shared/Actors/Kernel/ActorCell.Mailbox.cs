using System.Threading.Channels;

namespace ActorQueue.Actors;

/// <summary>The sending side of a cell: Tell, TryTell and Ask over the bounded mailbox.</summary>
internal sealed partial class ActorCell
{
    public bool TryTell(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TryEnqueue(new Envelope(message, null));
    }

    public ValueTask TellAsync(object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return EnqueueAsync(new Envelope(message, null), cancellationToken);
    }

    public async Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An ask timeout must be positive or infinite.");
        }

        var reply = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeoutSource = new CancellationTokenSource(timeout, _system.TimeProvider);
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken)
            : null;
        var token = linked?.Token ?? timeoutSource.Token;
        try
        {
            await EnqueueAsync(new Envelope(message, reply), token);
            return CastReply<T>(await reply.Task.WaitAsync(token));
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AskTimeoutException($"Ask to {Path} timed out after {timeout}: the actor did not respond.");
        }
        finally
        {
            // A late Respond (after a timeout or cancellation) becomes a no-op.
            reply.TrySetCanceled(CancellationToken.None);
        }
    }

    private bool TryEnqueue(Envelope envelope)
    {
        Interlocked.Increment(ref _pending);
        if (_mailbox.Writer.TryWrite(envelope))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    private ValueTask EnqueueAsync(Envelope envelope, CancellationToken cancellationToken) =>
        TryEnqueue(envelope) ? ValueTask.CompletedTask : EnqueueWhenSpaceAsync(envelope, cancellationToken);

    private async ValueTask EnqueueWhenSpaceAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            await _mailbox.Writer.WriteAsync(envelope, cancellationToken);
        }
        catch (Exception ex)
        {
            Interlocked.Decrement(ref _pending);
            if (ex is ChannelClosedException)
            {
                throw ActorStoppedException.For(Path);
            }

            throw;
        }
    }

    private T CastReply<T>(object? reply) => reply switch
    {
        T value => value,
        null when default(T) is null => default!,
        _ => throw new InvalidCastException(
            $"Ask to {Path} expected a reply of type {typeof(T).Name} but got {reply?.GetType().Name ?? "null"}."),
    };
}
