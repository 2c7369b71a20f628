namespace ActorQueue.Tests.TestKit;

/// <summary>
/// A clock that only moves when the test calls <see cref="Advance"/>. Timers fire synchronously
/// inside <see cref="Advance"/>, in due order, with the clock set to their due time.
/// (Microsoft.Extensions.TimeProvider.Testing is not in the offline package cache.)
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private DateTimeOffset _utcNow;
    private long _sequence;

    public ManualTimeProvider(DateTimeOffset? start = null) =>
        _utcNow = start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _utcNow;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Timers waiting to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Generous enough for a loaded 2-core CI machine; only a failing test waits this long.</summary>
    private static readonly TimeSpan DefaultTimerWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Completes when at least <paramref name="count"/> timers are pending, so a test can advance
    /// the clock only after the code under test has armed its timer.
    /// </summary>
    public Task WaitForPendingTimersAsync(int count = 1, TimeSpan? timeout = null)
    {
        var budget = timeout ?? DefaultTimerWait;
        TaskCompletionSource signal;
        lock (_lock)
        {
            if (_timers.Count >= count)
            {
                return Task.CompletedTask;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        return WaitAsync(signal.Task, budget, count);
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _utcNow + delta;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_lock)
            {
                due = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).ThenBy(t => t.Sequence).FirstOrDefault();
                if (due is null)
                {
                    _utcNow = target;
                    return;
                }

                if (due.DueAt > _utcNow)
                {
                    _utcNow = due.DueAt;
                }

                if (due.Period > TimeSpan.Zero)
                {
                    due.DueAt += due.Period;
                }
                else
                {
                    _timers.Remove(due);
                }
            }

            due.Fire();
        }
    }

    private static async Task WaitAsync(Task signal, TimeSpan budget, int count)
    {
        try
        {
            await signal.WaitAsync(budget);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Timeout ({budget.TotalSeconds:0.###} s) while waiting for {count} pending timer(s).");
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource> released = [];
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _utcNow + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.Sequence = _sequence++;
            _timers.Add(timer);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_timers.Count >= _waiters[i].Count)
                {
                    released.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        released.ForEach(s => s.TrySetResult());
    }

    private void Cancel(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref _disposed))
            {
                return false;
            }

            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            Volatile.Write(ref _disposed, true);
            owner.Cancel(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
