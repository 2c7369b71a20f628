using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Signals reach this process only through its own listener (never raised directly, or watchers would
/// see them twice), yet a caller must find the signals of its write raised when the write returns, as with
/// the embedded store: a client that submits and then watches the job must not see the submission's
/// change arrive late. So each write tags its NOTIFYs with an origin (this store and a ticket), learns how
/// many payloads it sent, and waits until the listener has dispatched them all. The wait is skipped while
/// the listener is disconnected and ends when it disconnects, and it is bounded: a lost echo costs at most
/// <see cref="MaxWait"/>, never a failed write.
/// </summary>
internal sealed class PostgresEchoes
{
    /// <summary>The longest a write waits for its echo. Real time on purpose: this guards a network round trip.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, Echo> _pending = new();
    private readonly Lock _lock = new();
    private long _nextTicket;
    private bool _listening;

    /// <summary>This store's tag in payload origins: random, so that stores in other processes never match it.</summary>
    public string StoreTag { get; } = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);

    /// <summary>Starts a write; dispose the echo when the write is over.</summary>
    public Echo Begin()
    {
        var ticket = Interlocked.Increment(ref _nextTicket);
        lock (_lock)
        {
            var echo = new Echo(this, ticket, tracked: _listening);
            if (_listening)
            {
                _pending[ticket] = echo;
            }
            return echo;
        }
    }

    /// <summary>The listener dispatched a payload with this origin line.</summary>
    public void Received(string origin)
    {
        // origin = tag.ticket.statement.part
        var parts = origin.Split('.');
        if (parts.Length == 4
            && parts[0] == StoreTag
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticket)
            && _pending.TryGetValue(ticket, out var echo))
        {
            echo.Arrived();
        }
    }

    /// <summary>
    /// The listener is (or is no longer) listening. Going away releases every waiting write: its
    /// notifications may be lost, and the listener wakes every queue when it is back.
    /// </summary>
    public void SetListening(bool listening)
    {
        lock (_lock)
        {
            _listening = listening;
            if (!listening)
            {
                foreach (var echo in _pending.Values)
                {
                    echo.Release();
                }
                _pending.Clear();
            }
        }
    }

    private void Forget(long ticket) => _pending.TryRemove(ticket, out _);

    /// <summary>One write's wait for the echo of its notifications.</summary>
    internal sealed class Echo(PostgresEchoes owner, long ticket, bool tracked) : IDisposable
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private int _arrived;
        private int _expected = -1;

        /// <summary>The origin to pass to <c>aq_notify</c> for the write's statement number <paramref name="statement"/>.</summary>
        public string Origin(int statement) =>
            string.Create(CultureInfo.InvariantCulture, $"{owner.StoreTag}.{ticket}.{statement}");

        public void Arrived()
        {
            lock (_lock)
            {
                _arrived++;
                Check();
            }
        }

        public void Release() => _done.TrySetResult();

        /// <summary>
        /// Waits until <paramref name="payloads"/> payloads (the sum of what <c>aq_notify</c> answered) have been
        /// dispatched. Not cancellable: the write has committed, and its caller should see its signals.
        /// </summary>
        public async Task WaitAsync(int payloads)
        {
            if (!tracked || payloads <= 0)
            {
                return;
            }
            lock (_lock)
            {
                _expected = payloads;
                Check();
            }
            try
            {
                await _done.Task.WaitAsync(MaxWait);
            }
            catch (TimeoutException)
            {
                // Lost on the way (the listener will notice and wake everything); the write itself succeeded.
            }
        }

        private void Check()
        {
            if (_expected >= 0 && _arrived >= _expected)
            {
                _done.TrySetResult();
            }
        }

        public void Dispose() => owner.Forget(ticket);
    }
}
