namespace ActorQueue.Cluster.Directory;

/// <summary>
/// The cluster as this process sees it now, kept current by the <see cref="ClusterDirectory"/> actor: what
/// HTTP handlers, the CLI's palette and submission checks read without asking an actor. Changes are also
/// pushed to subscribers (<c>aq cluster tail</c>).
/// </summary>
public sealed class MembershipView
{
    private readonly Lock _lock = new();
    private volatile MembershipSnapshot _current = MembershipSnapshot.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MembershipSnapshot Current => _current;

    /// <summary>Raised for each membership or reachability change, after <see cref="Current"/> shows it.</summary>
    public event Action<MembershipEvent>? EventOccurred;

    internal void Update(MembershipSnapshot snapshot, IReadOnlyList<MembershipEvent> events)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _current = snapshot;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
        foreach (var membershipEvent in events)
        {
            EventOccurred?.Invoke(membershipEvent);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the current snapshot; false when <paramref name="timeout"/> ran out first.</summary>
    public async Task<bool> WaitForAsync(Func<MembershipSnapshot, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_current))
                {
                    return true;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return condition(_current);
            }
        }
    }
}
