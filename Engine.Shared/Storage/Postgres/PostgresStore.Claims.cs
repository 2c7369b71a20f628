using ActorQueue.Jobs;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    // Many processes claim at once: SKIP LOCKED lets each take rows no other claim has locked, without
    // waiting, and FOR UPDATE re-checks state = 'available' on rows changed since the snapshot, so a row
    // is never handed out twice. The claim order is the partial index aq_jobs_claim. The tombstone check
    // alone would not keep a fenced node out (see PostgresStore.Fencing.cs): the claim runs after
    // ClaimFenceLockSql and FenceSelectSql in the same transaction.
    private const string ClaimSql = """
        WITH changed AS (
            UPDATE aq_jobs
               SET state = 'running', attempt = attempt + 1, claim_epoch = claim_epoch + 1,
                   node_id = @node, started_at = @now, lease_expires_at = @lease
             WHERE seq IN (
                   SELECT seq
                     FROM aq_jobs
                    WHERE state = 'available' AND queue = @queue
                      AND NOT EXISTS (SELECT 1 FROM aq_fenced_nodes WHERE node_id = @node)
                    ORDER BY priority DESC, seq
                    LIMIT @max
                      FOR UPDATE SKIP LOCKED)
            RETURNING seq, id, kind, attempt, max_attempts, priority, payload, timeout_seconds, enqueued_at, claim_epoch
        )
        SELECT seq, id, kind, attempt, max_attempts, priority, payload, timeout_seconds, enqueued_at, claim_epoch
          FROM changed
         ORDER BY priority DESC, seq
        """;

    // Every outcome of a batch in one statement, each fenced on its own: only the node that holds this
    // claim (node and epoch) of a running job can finish it. A row key from the claim saves the lookup by id.
    // Answers the position of each outcome that applied, with the job's (id, queue, state, attempt).
    private const string FinishSql = """
        WITH outcome AS (
            SELECT o.ord, o.id, o.node, o.epoch, o.state, o.result, o.message, o.at, o.scheduled_at, o.uncount,
                   COALESCE(o.seq, (SELECT j.seq FROM aq_jobs j WHERE j.id = o.id)) AS seq
              FROM unnest(@seqs::bigint[], @ids::text[], @nodes::text[], @epochs::bigint[], @states::text[], @results::text[],
                          @messages::text[], @ats::text[], @scheduled_at::timestamptz[], @uncounts::integer[])
                   WITH ORDINALITY AS o(seq, id, node, epoch, state, result, message, at, scheduled_at, uncount, ord)
        )
        UPDATE aq_jobs j
           SET state = o.state,
               result = o.result,
               completed_at = CASE WHEN o.state IN ('completed', 'discarded', 'cancelled') THEN @now::timestamptz END,
               scheduled_at = COALESCE(o.scheduled_at, j.scheduled_at),
               lease_expires_at = NULL,
               attempt = j.attempt - o.uncount,
               errors = CASE WHEN o.message IS NULL THEN j.errors
                             ELSE j.errors || jsonb_build_array(jsonb_build_object(
                                 'attempt', j.attempt, 'node', j.node_id, 'at', o.at, 'message', o.message)) END
          FROM outcome o
         WHERE j.seq = o.seq AND j.id = o.id AND j.state = 'running' AND j.node_id = o.node AND j.claim_epoch = o.epoch
        RETURNING o.ord, j.id, j.queue, j.state, j.attempt
        """;

    // A finish and a rescue (or two finishes of overlapping batches) may lock the same rows in opposite
    // orders; PostgreSQL then aborts one of them. Fenced outcomes and SKIP LOCKED claims are safe to run again.
    private const int DeadlockRetries = 3;

    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string queue, string nodeId, int max, CancellationToken cancellationToken) =>
        (await FinishManyAsync([], new ClaimRequest(queue, nodeId, max), cancellationToken)).Claimed;

    public async Task<bool> FinishAsync(JobOutcome outcome, CancellationToken cancellationToken) =>
        (await FinishManyAsync([outcome], null, cancellationToken)).Applied[0];

    public async Task<FinishResult> FinishManyAsync(IReadOnlyList<JobOutcome> outcomes, ClaimRequest? next, CancellationToken cancellationToken)
    {
        var claim = next is { Max: > 0 } ? next : null;
        if (outcomes.Count == 0 && claim is null)
        {
            return new FinishResult([], []);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await FinishAndClaimAsync(outcomes, claim, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < DeadlockRetries)
            {
                // Rolled back as a whole: nothing was finished or claimed.
            }
        }
    }

    /// <summary>The outcomes and the next claim as one batch: one round trip, one transaction ("ack and fetch").</summary>
    private async Task<FinishResult> FinishAndClaimAsync(IReadOnlyList<JobOutcome> outcomes, ClaimRequest? claim, CancellationToken cancellationToken)
    {
        var now = Now;
        var applied = new bool[outcomes.Count];
        var finished = new JobChange?[outcomes.Count];
        var claimed = new List<ClaimedJob>(claim?.Max ?? 0);
        NodeFence? fence = null;
        await using (var batch = _dataSource.CreateBatch())
        {
            if (claim is not null)
            {
                // First, before any row lock is taken: see PostgresStore.Fencing.cs.
                AddClaimFenceCommands(batch, claim.NodeId);
            }
            if (outcomes.Count > 0)
            {
                batch.BatchCommands.Add(FinishCommand(outcomes, now));
            }
            if (claim is not null)
            {
                batch.BatchCommands.Add(ClaimCommand(claim, now));
            }
            // Disposed (read to the end, so the implicit transaction has committed) before any signal is raised.
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (claim is not null)
            {
                fence = await ReadClaimFenceAsync(reader, claim.NodeId, cancellationToken);
            }
            if (outcomes.Count > 0)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var i = (int)reader.GetInt64(0) - 1;
                    applied[i] = true;
                    finished[i] = new JobChange(reader.GetString(1), reader.GetString(2), PostgresJobRows.ParseState(reader.GetString(3)), reader.GetInt32(4), now);
                }
                await reader.NextResultAsync(cancellationToken);
            }
            if (claim is not null)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    claimed.Add(new ClaimedJob
                    {
                        RowKey = reader.GetInt64(0),
                        Id = reader.GetString(1),
                        Kind = reader.GetString(2),
                        Queue = claim.Queue,
                        Attempt = reader.GetInt32(3),
                        MaxAttempts = reader.GetInt32(4),
                        Priority = reader.GetInt32(5),
                        Payload = reader.IsDBNull(6) ? null : reader.GetString(6),
                        TimeoutSeconds = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                        EnqueuedAt = PostgresJobRows.Time(reader, 8),
                        NodeId = claim.NodeId,
                        Epoch = reader.GetInt64(9),
                    });
                }
            }
        }
        // The outcomes committed even when the claim was refused.
        AfterCommit(() => NotifyFinished(finished));
        if (fence is not null)
        {
            // The claim, run under the same lock as the check, took nothing.
            throw new NodeFencedException(fence);
        }
        if (claimed.Count > 0)
        {
            AfterCommit(() =>
            {
                foreach (var job in claimed)
                {
                    Signals.NotifyChanged(new JobChange(job.Id, job.Queue, JobState.Running, job.Attempt, now));
                }
            });
        }
        return new FinishResult(applied, claimed);
    }

    /// <summary>Each applied outcome in the order given: a retry changes the schedule, a release makes its job available.</summary>
    private void NotifyFinished(JobChange?[] finished)
    {
        foreach (var change in finished)
        {
            if (change is null)
            {
                continue;
            }
            if (change.State == JobState.Retryable)
            {
                Signals.NotifyScheduleChanged();
            }
            else if (change.State == JobState.Available)
            {
                Signals.NotifyAvailable(change.Queue);
            }
            Signals.NotifyChanged(change);
        }
    }

    private NpgsqlBatchCommand ClaimCommand(ClaimRequest claim, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(ClaimSql);
        command.Parameters
            .With("queue", claim.Queue)
            .With("max", claim.Max)
            .With("node", claim.NodeId)
            .With("now", now)
            .With("lease", now + _options.Lease);
        return command;
    }

    private static NpgsqlBatchCommand FinishCommand(IReadOnlyList<JobOutcome> outcomes, DateTimeOffset now)
    {
        var count = outcomes.Count;
        var states = new string[count];
        var results = new string?[count];
        var messages = new string?[count];
        var scheduledAt = new DateTimeOffset?[count];
        var uncounts = new int[count];
        for (var i = 0; i < count; i++)
        {
            var (state, result, message, retryAt, uncount) = outcomes[i] switch
            {
                JobOutcome.Completed c => (JobState.Completed, c.Result, null, (DateTimeOffset?)null, 0),
                JobOutcome.Retry r => (JobState.Retryable, null, r.Message, r.RetryAt, 0),
                JobOutcome.Discard d => (JobState.Discarded, null, d.Message, null, 0),
                JobOutcome.Cancelled c => (JobState.Cancelled, null, c.Message, null, 0),
                // Given back unstarted in spirit (shutdown deadline): the attempt is not counted.
                JobOutcome.Released => (JobState.Available, (string?)null, (string?)null, (DateTimeOffset?)null, 1),
                _ => throw new ArgumentOutOfRangeException(nameof(outcomes)),
            };
            states[i] = state.ToWire();
            results[i] = result;
            messages[i] = message;
            scheduledAt[i] = PostgresJobRows.Truncate(retryAt);
            uncounts[i] = uncount;
        }
        var command = new NpgsqlBatchCommand(FinishSql);
        command.Parameters
            .With("seqs", outcomes.Select(o => o.RowKey > 0 ? o.RowKey : (long?)null).ToArray())
            .With("ids", outcomes.Select(o => o.JobId).ToArray())
            .With("nodes", outcomes.Select(o => o.NodeId).ToArray())
            .With("epochs", outcomes.Select(o => o.Epoch).ToArray())
            .With("states", states)
            .With("results", results)
            .With("messages", messages)
            .With("ats", outcomes.Select(o => PostgresJobRows.ToIso(o.FailedAt ?? now)).ToArray())
            .With("scheduled_at", scheduledAt)
            .With("uncounts", uncounts)
            .With("now", now);
        return command;
    }
}
