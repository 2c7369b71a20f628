using ActorQueue.Jobs;

namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    // SQLite has one writer, so the claim needs no SKIP LOCKED: the SELECT and the UPDATEs run inside
    // the writer's transaction and no other claim can interleave with them. Plain statements on purpose:
    // RETURNING and IN (subquery) each build a transient table, which costs more than the work itself.
    // The fence check (ReadFence, before the SELECT) needs no lock either: a fence is a write, so it runs
    // wholly before or wholly after this claim in the writer's order.
    private const string ClaimSelectSql = """
        SELECT seq, id, kind, attempt, max_attempts, priority, payload, timeout_seconds, enqueued_at, claim_epoch, trace_parent
          FROM aq_jobs
         WHERE state = 'available' AND queue = @queue
         ORDER BY priority DESC, seq
         LIMIT @max
        """;

    private const string ClaimUpdateSql = """
        UPDATE aq_jobs
           SET state = 'running', attempt = attempt + 1, claim_epoch = claim_epoch + 1,
               node_id = @node, started_at = @now, lease_expires_at = @lease
         WHERE seq = @seq
        """;

    // Fenced: only the node that holds this claim (node and epoch) can finish it.
    private const string FinishSql = """
        UPDATE aq_jobs
           SET state = @state,
               result = @result,
               completed_at = @completed_at,
               scheduled_at = COALESCE(@scheduled_at, scheduled_at),
               lease_expires_at = NULL,
               attempt = attempt - @uncount,
               errors = CASE WHEN @message IS NULL THEN errors
                             ELSE json_insert(errors, '$[#]', json_object('attempt', attempt, 'node', node_id, 'at', @at, 'message', @message)) END
         WHERE seq = COALESCE(@seq, (SELECT seq FROM aq_jobs WHERE id = @id))
           AND id = @id AND state = 'running' AND node_id = @node AND claim_epoch = @epoch
        """;

    public Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string queue, string nodeId, int max, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch => Claim(batch, new ClaimRequest(queue, nodeId, max), Now), cancellationToken);

    private IReadOnlyList<ClaimedJob> Claim(SqliteWriteBatch batch, ClaimRequest request, DateTimeOffset now)
    {
        if (request.Max <= 0)
        {
            return [];
        }
        if (ReadFence(batch, request.NodeId) is { } fence)
        {
            throw new NodeFencedException(fence);
        }
        var jobs = new List<ClaimedJob>(request.Max);
        using (var reader = batch.Command(ClaimSelectSql).With("@queue", request.Queue).With("@max", request.Max).ExecuteReader())
        {
            while (reader.Read())
            {
                jobs.Add(new ClaimedJob
                {
                    RowKey = reader.GetInt64(0),
                    Id = reader.GetString(1),
                    Kind = reader.GetString(2),
                    Queue = request.Queue,
                    Attempt = reader.GetInt32(3) + 1,
                    MaxAttempts = reader.GetInt32(4),
                    Priority = reader.GetInt32(5),
                    Payload = reader.IsDBNull(6) ? null : reader.GetString(6),
                    TimeoutSeconds = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                    EnqueuedAt = SqliteJobRows.FromMs(reader.GetInt64(8)),
                    NodeId = request.NodeId,
                    Epoch = reader.GetInt64(9) + 1,
                    TraceParent = reader.IsDBNull(10) ? null : reader.GetString(10),
                });
            }
        }
        var update = batch.Command(ClaimUpdateSql)
            .With("@node", request.NodeId)
            .With("@now", SqliteJobRows.ToMs(now))
            .With("@lease", SqliteJobRows.ToMs(now + _options.Lease));
        foreach (var job in jobs)
        {
            update.With("@seq", job.RowKey).ExecuteNonQuery();
        }
        if (jobs.Count > 0)
        {
            batch.AfterCommit(() =>
            {
                foreach (var job in jobs)
                {
                    Signals.NotifyChanged(new JobChange(job.Id, job.Queue, JobState.Running, job.Attempt, now));
                }
            });
        }
        return jobs;
    }

    public Task<bool> FinishAsync(JobOutcome outcome, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch => Finish(batch, outcome, Now), cancellationToken);

    public Task<FinishResult> FinishManyAsync(IReadOnlyList<JobOutcome> outcomes, ClaimRequest? next, CancellationToken cancellationToken) =>
        // No savepoint: each statement is atomic and fenced on its own, and should the operation fail half
        // way, what it did is still correct (a finished job stays finished; a claimed job nobody runs is
        // rescued when its lease lapses).
        _writer.ExecuteAsync(batch =>
        {
            var now = Now;
            var applied = new bool[outcomes.Count];
            for (var i = 0; i < outcomes.Count; i++)
            {
                applied[i] = Finish(batch, outcomes[i], now);
            }
            return new FinishResult(applied, next is null ? [] : Claim(batch, next, now));
        }, cancellationToken);

    private bool Finish(SqliteWriteBatch batch, JobOutcome outcome, DateTimeOffset now)
    {
        var (state, result, message, scheduledAt, uncount) = outcome switch
        {
            JobOutcome.Completed c => (JobState.Completed, c.Result, null, (DateTimeOffset?)null, 0),
            JobOutcome.Retry r => (JobState.Retryable, null, r.Message, r.RetryAt, 0),
            JobOutcome.Discard d => (JobState.Discarded, null, d.Message, null, 0),
            JobOutcome.Cancelled c => (JobState.Cancelled, null, c.Message, null, 0),
            JobOutcome.Released => (JobState.Available, (string?)null, (string?)null, (DateTimeOffset?)null, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };
        var applied = batch.Command(FinishSql)
            .With("@state", state.ToWire())
            .With("@result", result)
            .With("@completed_at", state.IsFinal() ? SqliteJobRows.ToMs(now) : null)
            .With("@scheduled_at", scheduledAt is { } at ? SqliteJobRows.ToMs(at) : null)
            .With("@uncount", uncount)
            .With("@message", message)
            .With("@at", message is null ? null : SqliteJobRows.ToIso(outcome.FailedAt ?? now))
            .With("@id", outcome.JobId)
            .With("@seq", outcome.RowKey > 0 ? outcome.RowKey : null)
            .With("@node", outcome.NodeId)
            .With("@epoch", outcome.Epoch)
            .ExecuteNonQuery() == 1;
        if (!applied)
        {
            return false;
        }
        var queue = outcome.Queue ?? (string)batch.Command("SELECT queue FROM aq_jobs WHERE id = @id").With("@id", outcome.JobId).ExecuteScalar()!;
        var attempt = outcome.Attempt - uncount;
        batch.AfterCommit(() =>
        {
            if (state == JobState.Retryable)
            {
                Signals.NotifyScheduleChanged();
            }
            else if (state == JobState.Available)
            {
                Signals.NotifyAvailable(queue);
            }
            Signals.NotifyChanged(new JobChange(outcome.JobId, queue, state, attempt, now));
        });
        return true;
    }
}
