using System.Collections.Concurrent;
using System.Globalization;
using ActorQueue.Jobs;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Reads the payloads of channel <see cref="Channel"/> and raises them on <see cref="JobSignals"/>. The SQL
/// function <c>aq_notify</c> (migration V002) writes them inside the transaction that makes the change, so
/// every process listening hears of a change exactly when it commits, the process that made it included.
/// A payload is text, one event a line:
/// <code>
/// store.ticket.statement.part                            origin: who sent it (see PostgresEchoes)
/// a TAB queue                                            jobs became available in the queue
/// s                                                      the schedule changed
/// x TAB job id                                           a running job was asked to cancel
/// c TAB job id TAB queue TAB state TAB attempt TAB ms    a job changed state at ms (Unix milliseconds)
/// d                                                      datasets have work: rows arrived, a dataset was sealed or resumed, a lease was released (V006)
/// p TAB dataset id                                       a dataset committed a batch (V006)
/// </code>
/// Unknown event kinds are skipped, so that a newer store can add kinds without breaking older listeners.
/// </summary>
internal sealed class PostgresEvents(JobSignals signals, PostgresEchoes echoes, ILogger logger)
{
    public const string Channel = "aq_events";

    // 9999-12-31T23:59:59.999Z, the last time DateTimeOffset can hold.
    private const long MaxUnixMs = 253_402_300_799_999;

    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    /// <summary>Remembers a queue this process cares about, to wake it after a reconnect.</summary>
    public void RememberQueue(string queue) => _queues.TryAdd(queue, 0);

    public int KnownQueues => _queues.Count;

    /// <summary>
    /// Wakes every queue seen so far, the scheduler and the shard region: what was notified while the
    /// listener was away is lost, and this makes every waiter look for work at once instead of at its next poll.
    /// </summary>
    public void WakeEverything()
    {
        foreach (var queue in _queues.Keys)
        {
            signals.NotifyAvailable(queue);
        }
        signals.NotifyScheduleChanged();
        signals.NotifyDatasetWork();
    }

    public void Dispatch(string payload)
    {
        var lines = payload.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (!TryParse(lines[i], out var raise))
            {
                PostgresLog.NotificationMalformed(logger, lines[i]);
                continue;
            }
            try
            {
                raise?.Invoke();
            }
            catch (Exception exception)
            {
                PostgresLog.SignalHandlerFailed(logger, exception);
            }
        }
        // Last: a writer waiting for its echo resumes only once the signals above have been raised.
        echoes.Received(lines[0]);
    }

    /// <summary>Reads one event line into the signal it raises (null for a kind this version does not know).</summary>
    private bool TryParse(string line, out Action? raise)
    {
        var fields = line.Split('\t');
        raise = null;
        switch (fields[0])
        {
            case "a" when fields.Length == 2:
                var queue = fields[1];
                raise = () =>
                {
                    RememberQueue(queue);
                    signals.NotifyAvailable(queue);
                };
                return true;
            case "s":
                raise = signals.NotifyScheduleChanged;
                return true;
            case "x" when fields.Length == 2:
                var jobId = fields[1];
                raise = () => signals.NotifyCancelRequested(jobId);
                return true;
            case "c" when fields.Length == 6
                && JobStates.TryParse(fields[3], out var state)
                && int.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempt)
                && long.TryParse(fields[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                && ms is >= 0 and <= MaxUnixMs:
                var change = new JobChange(fields[1], fields[2], state, attempt, DateTimeOffset.FromUnixTimeMilliseconds(ms));
                raise = () =>
                {
                    RememberQueue(change.Queue);
                    signals.NotifyChanged(change);
                };
                return true;
            case "d":
                raise = signals.NotifyDatasetWork;
                return true;
            case "p" when fields.Length == 2:
                var datasetId = fields[1];
                raise = () => signals.NotifyDatasetProgress(datasetId);
                return true;
            case "a" or "x" or "c" or "p":
                return false;
            default:
                return true;
        }
    }
}
