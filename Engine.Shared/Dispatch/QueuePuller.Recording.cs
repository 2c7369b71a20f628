using ActorQueue.Jobs;
using ActorQueue.Logging;
using ActorQueue.Storage;
using ActorQueue.Telemetry;
using Akka.Actor;

namespace ActorQueue.Dispatch;

internal sealed partial class QueuePuller
{
    private static readonly TimeSpan RecordRetry = TimeSpan.FromSeconds(1);

    // Outcomes being written now: their leases are still renewed, so a slow or failed write never lets
    // another node take a job whose result is about to be recorded.
    private readonly List<(ClaimedJob Job, JobOutcome Outcome)> _inRecord = [];

    /// <summary>Writes every waiting outcome in one round trip, claiming the next jobs in the same one.</summary>
    private void Record()
    {
        if (_recording || _outcomes.Count == 0)
        {
            return;
        }
        var count = Math.Min(MaxOutcomesPerRecord, _outcomes.Count);
        _inRecord.AddRange(_outcomes.GetRange(0, count));
        _outcomes.RemoveRange(0, count);
        var asked = 0;
        ClaimRequest? next = null;
        if (!_claiming && !_draining && IsOpen)
        {
            asked = Math.Min(MaxClaim, ClaimSizing.ToClaim(_poolSize, _averageRun, _running.Count, _buffer.Count));
            if (asked > 0)
            {
                next = new ClaimRequest(_queue, _node.Id, asked);
                _claiming = true;
            }
        }
        _recording = true;
        var sentAt = _time.GetUtcNow();
        _store.FinishManyAsync(_inRecord.Select(o => o.Outcome).ToList(), next, CancellationToken.None)
            .PipeTo(Self, success: result => new Recorded(result, asked, sentAt), failure: exception => new RecordFailed(exception, asked));
    }

    private void OnRecorded(Recorded recorded)
    {
        _recording = false;
        var now = _time.GetUtcNow();
        for (var i = 0; i < _inRecord.Count; i++)
        {
            var (job, outcome) = _inRecord[i];
            var applied = recorded.Result.Applied[i];
            JobTracing.Completed(job, outcome, recorded.SentAt, applied);
            using var scope = _logger.BeginJobScope(job.Id, job.TraceParent);
            if (!applied)
            {
                DispatchLog.FinishFenced(_logger, job.Id, job.Attempt);
                continue;
            }
            _metrics.Finished(_queue, outcome, now - job.EnqueuedAt);
            DispatchLog.JobFinished(_logger, job.Id, job.Kind, _queue, job.Attempt, JobTracing.OutcomeName(outcome));
        }
        _inRecord.Clear();
        if (recorded.Asked > 0)
        {
            _claiming = false;
            Take(recorded.Result.Claimed, recorded.SentAt);
            if (recorded.Result.Claimed.Count == recorded.Asked || _wakeAgain)
            {
                Claim();
            }
        }
        Record();
        CheckDrained();
    }

    private void OnRecordFailed(RecordFailed failed)
    {
        _recording = false;
        if (failed.Asked > 0)
        {
            _claiming = false;
        }
        if (failed.Exception is NodeFencedException fenced)
        {
            _inRecord.Clear();
            Fenced(fenced);
            return;
        }
        // Keep the outcomes and write them again: the ledger may be restarting. Their leases stay renewed meanwhile.
        DispatchLog.FinishFailed(_logger, _inRecord.Count, _queue, failed.Exception);
        _outcomes.InsertRange(0, _inRecord);
        _inRecord.Clear();
        Timers.StartSingleTimer(nameof(RecordRetry), RetryRecord.Instance, RecordRetry);
    }

    private sealed record Recorded(FinishResult Result, int Asked, DateTimeOffset SentAt);

    private sealed record RecordFailed(Exception Exception, int Asked);

    private sealed record RetryRecord
    {
        public static readonly RetryRecord Instance = new();
    }
}
