namespace ActorQueue.Actors;

/// <summary>
/// The router of a round-robin pool: one reference in front of routees built from the same
/// Props. Messages go to the routees in strict rotation; with <c>preferIdle</c> the rotation
/// start is only a starting point and the first idle routee from there wins, so a short message
/// does not queue behind a long one while another routee is free. Stopped routees are skipped.
/// </summary>
internal sealed class RoundRobinPool : IActorRef
{
    private readonly ActorCell[] _routees;
    private readonly bool _preferIdle;
    private long _next = -1;

    public RoundRobinPool(string name, string path, ActorCell[] routees, bool preferIdle)
    {
        Name = name;
        Path = path;
        _routees = routees;
        _preferIdle = preferIdle;
        Routees = Array.AsReadOnly<IActorRef>(routees);
    }

    public string Name { get; }

    public string Path { get; }

    public IReadOnlyList<IActorRef> Routees { get; }

    internal IReadOnlyList<ActorCell> Cells => _routees;

    public bool IsIdle => _routees.Any(r => r.IsIdle);

    public bool TryTell(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Select() is { } routee && routee.TryTell(message);
    }

    public async ValueTask TellAsync(object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var attempt = 1; ; attempt++)
        {
            var routee = Select() ?? throw ActorStoppedException.For(Path);
            try
            {
                await routee.TellAsync(message, cancellationToken);
                return;
            }
            catch (ActorStoppedException) when (attempt < _routees.Length)
            {
                // The routee stopped between selection and delivery: the next one takes it.
            }
        }
    }

    public Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Select() is { } routee
            ? routee.AskAsync<T>(message, timeout, cancellationToken)
            : Task.FromException<T>(ActorStoppedException.For(Path));

    /// <summary>The routee for the next message, or null when every routee is stopped.</summary>
    private ActorCell? Select()
    {
        var count = _routees.Length;
        var start = (int)((ulong)Interlocked.Increment(ref _next) % (ulong)count);
        if (_preferIdle)
        {
            for (var i = 0; i < count; i++)
            {
                var candidate = _routees[(start + i) % count];
                if (candidate.IsIdle)
                {
                    return candidate;
                }
            }
        }

        for (var i = 0; i < count; i++)
        {
            var candidate = _routees[(start + i) % count];
            if (!candidate.IsStopping)
            {
                return candidate;
            }
        }

        return null;
    }
}
