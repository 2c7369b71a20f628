using System.Threading.Channels;
using ActorQueue.Actors;
using Xunit.Sdk;

namespace ActorQueue.Tests.TestKit;

/// <summary>
/// A message sink for tests, in the style of Akka's TestProbe: actors send it what they observe
/// (<c>probe.Tell(x)</c> or <c>probe.Ref.TryTell(x)</c>) and the test awaits the messages with a
/// time budget instead of sleeping.
/// </summary>
public sealed class TestProbe
{
    /// <summary>Generous enough for a loaded 2-core CI machine; only a failing test waits this long.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private readonly Channel<object> _messages = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public TestProbe(string name = "probe") => Ref = new ProbeRef(this, "/probe/" + name);

    /// <summary>An <see cref="IActorRef"/> whose Tell/TryTell deliver to this probe (Ask is not supported).</summary>
    public IActorRef Ref { get; }

    /// <summary>Delivers a message to the probe; thread-safe.</summary>
    public void Tell(object message) => _messages.Writer.TryWrite(message);

    /// <summary>
    /// Waits for the next message, which must be a <typeparamref name="T"/> matching
    /// <paramref name="predicate"/>; fails the test when nothing arrives in time or it does not match.
    /// </summary>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null, Func<T, bool>? predicate = null)
    {
        var budget = timeout ?? DefaultTimeout;
        var message = await TryReceiveAsync(budget)
            ?? throw new XunitException($"Timeout ({budget.TotalSeconds:0.###} s) while waiting for a message of type {typeof(T).Name}.");
        if (message is not T typed)
        {
            throw new XunitException($"Expected a message of type {typeof(T).Name} but received {Describe(message)}.");
        }

        if (predicate is not null && !predicate(typed))
        {
            throw new XunitException($"Received {Describe(message)}, which does not match the expected predicate.");
        }

        return typed;
    }

    /// <summary>Waits for the next message, which must equal <paramref name="expected"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null)
        where T : notnull
    {
        var message = await ExpectMsgAsync<object>(timeout);
        if (!Equals(expected, message))
        {
            throw new XunitException($"Expected {Describe(expected)} but received {Describe(message)}.");
        }

        return expected;
    }

    /// <summary>Fails when any message arrives within <paramref name="duration"/>; this is the one place a test waits for time to pass.</summary>
    public async Task ExpectNoMsgAsync(TimeSpan duration)
    {
        if (await TryReceiveAsync(duration) is { } message)
        {
            throw new XunitException($"Expected no message for {duration.TotalMilliseconds:0} ms but received {Describe(message)}.");
        }
    }

    /// <summary>Receives exactly <paramref name="count"/> messages within one overall budget.</summary>
    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null)
    {
        var budget = timeout ?? DefaultTimeout;
        var received = new List<object>(count);
        using var deadline = new CancellationTokenSource(budget);
        try
        {
            while (received.Count < count)
            {
                received.Add(await _messages.Reader.ReadAsync(deadline.Token));
            }
        }
        catch (OperationCanceledException)
        {
            throw new XunitException(
                $"Timeout ({budget.TotalSeconds:0.###} s) after receiving {received.Count} of {count} messages; the last was {(received.Count > 0 ? Describe(received[^1]) : "none")}.");
        }

        return received;
    }

    /// <summary>Receives exactly <paramref name="count"/> messages, each of which must be a <typeparamref name="T"/>.</summary>
    public async Task<IReadOnlyList<T>> ReceiveNAsync<T>(int count, TimeSpan? timeout = null)
    {
        var received = await ReceiveNAsync(count, timeout);
        return received
            .Select(m => m is T typed ? typed : throw new XunitException($"Expected messages of type {typeof(T).Name} but received {Describe(m)}."))
            .ToList();
    }

    private async Task<object?> TryReceiveAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static string Describe(object message) => $"{message.GetType().Name} {message}";

    private sealed class ProbeRef(TestProbe probe, string path) : IActorRef
    {
        public string Path => path;

        public bool IsIdle => probe._messages.Reader.Count == 0;

        public ValueTask TellAsync(object message, CancellationToken cancellationToken = default)
        {
            probe.Tell(message);
            return ValueTask.CompletedTask;
        }

        public bool TryTell(object message)
        {
            probe.Tell(message);
            return true;
        }

        public Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
            Task.FromException<T>(new NotSupportedException("A TestProbe does not answer asks."));
    }
}
