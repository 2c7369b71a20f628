using ActorQueue.Jobs;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    // One statement for one job or many: all or none. A unique key already taken is skipped by
    // ON CONFLICT (which waits for a concurrent insert of the same key to commit or roll back first);
    // the submission then answers the job that holds the key.
    private const string InsertSql = """
        WITH input AS (
            SELECT *
              FROM unnest(@ids::text[], @kinds::text[], @queues::text[], @states::text[], @priorities::integer[],
                          @max_attempts::integer[], @payloads::text[], @unique_keys::text[], @timeouts::integer[],
                          @scheduled_at::timestamptz[], @trace_parents::text[])
                   WITH ORDINALITY AS i(id, kind, queue, state, priority, max_attempts, payload, unique_key, timeout_seconds, scheduled_at, trace_parent, ord)
        )
        INSERT INTO aq_jobs (id, kind, queue, state, priority, max_attempts, payload, unique_key, timeout_seconds, enqueued_at, scheduled_at, trace_parent)
        SELECT id, kind, queue, state, priority, max_attempts, payload, unique_key, timeout_seconds, @now, scheduled_at, trace_parent
          FROM input
         ORDER BY ord
        ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
        RETURNING id
        """;

    private const string FindByUniqueKeysSql = "SELECT unique_key, id, state, enqueued_at FROM aq_jobs WHERE unique_key = ANY(@keys)";

    public async Task<SubmitResult> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken) =>
        (await RetriedAfterServerRestartAsync(() => InsertAsync([submission], cancellationToken)))[0];

    public Task<IReadOnlyList<SubmitResult>> SubmitBatchAsync(IReadOnlyList<JobSubmission> submissions, CancellationToken cancellationToken) =>
        RetriedAfterServerRestartAsync(() => InsertAsync(submissions, cancellationToken));

    /// <param name="alongside">
    /// Runs in the same transaction after the insert (the submission then always has one), with the results,
    /// e.g. to store the blobs the jobs own.
    /// </param>
    private async Task<IReadOnlyList<SubmitResult>> InsertAsync(IReadOnlyList<JobSubmission> submissions, CancellationToken cancellationToken,
        Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<SubmitResult>, Task>? alongside = null)
    {
        if (submissions.Count == 0)
        {
            return [];
        }
        var now = Now;
        var count = submissions.Count;
        var ids = new string[count];
        var states = new JobState[count];
        var scheduledAt = new DateTimeOffset?[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = _ids.Next(now);
            var scheduled = submissions[i].RunAt is { } runAt && runAt > now;
            states[i] = scheduled ? JobState.Scheduled : JobState.Available;
            scheduledAt[i] = scheduled ? PostgresJobRows.Truncate(submissions[i].RunAt) : null;
        }

        // Without unique keys the insert is one statement in its own transaction. With them, the lookup of
        // keys already taken must see the same database as the insert did: one transaction for both.
        var keyed = submissions.Any(s => s.UniqueKey is not null);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = keyed || alongside is not null ? await connection.BeginTransactionAsync(cancellationToken) : null;

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(InsertSql, connection, transaction))
        {
            command.Parameters
                .With("ids", ids)
                .With("kinds", submissions.Select(s => s.Kind).ToArray())
                .With("queues", submissions.Select(s => s.Queue).ToArray())
                .With("states", states.Select(s => s.ToWire()).ToArray())
                .With("priorities", submissions.Select(s => s.Priority).ToArray())
                .With("max_attempts", submissions.Select(s => s.MaxAttempts).ToArray())
                .With("payloads", submissions.Select(s => s.Payload).ToArray())
                .With("unique_keys", submissions.Select(s => s.UniqueKey).ToArray())
                .With("timeouts", submissions.Select(s => s.TimeoutSeconds).ToArray())
                .With("scheduled_at", scheduledAt)
                .With("trace_parents", submissions.Select(s => s.TraceParent).ToArray())
                .With("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(reader.GetString(0));
            }
        }

        var results = new SubmitResult[count];
        var taken = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (inserted.Contains(ids[i]))
            {
                results[i] = new SubmitResult(ids[i], states[i], now, Existing: false);
            }
            else
            {
                taken.Add(i);
            }
        }
        if (taken.Count > 0)
        {
            await FindExistingAsync(connection, transaction, submissions, taken, results, cancellationToken);
        }
        if (alongside is not null)
        {
            await alongside(connection, transaction!, results);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        AfterCommit(() =>
        {
            for (var i = 0; i < count; i++)
            {
                if (results[i].Existing)
                {
                    continue;
                }
                var queue = submissions[i].Queue;
                if (states[i] == JobState.Scheduled)
                {
                    Signals.NotifyScheduleChanged();
                }
                else
                {
                    Signals.NotifyAvailable(queue);
                }
                Signals.NotifyChanged(new JobChange(ids[i], queue, states[i], 0, now));
            }
        });
        return results;
    }

    private static async Task FindExistingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<JobSubmission> submissions,
        List<int> taken, SubmitResult[] results, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, SubmitResult>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(FindByUniqueKeysSql, connection, transaction))
        {
            command.Parameters.With("keys", taken.Select(i => submissions[i].UniqueKey!).Distinct(StringComparer.Ordinal).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing[reader.GetString(0)] = new SubmitResult(
                    reader.GetString(1), PostgresJobRows.ParseState(reader.GetString(2)), PostgresJobRows.Time(reader, 3), Existing: true);
            }
        }
        foreach (var i in taken)
        {
            // The holder of the key was deleted between the two statements (pruned): a rare race, and the
            // whole submission rolls back, so submitting again is safe.
            results[i] = existing.GetValueOrDefault(submissions[i].UniqueKey!)
                ?? throw new InvalidOperationException($"The job holding unique key '{submissions[i].UniqueKey}' was deleted while this submission ran; submit again.");
        }
    }
}
