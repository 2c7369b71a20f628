using System.Text;
using ActorQueue.Jobs;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    // Back to available with one more attempt allowed; the error history stays.
    // A re-drive gives the job a fresh set of attempts: the counter starts again from 0 (the next claim is attempt 1
    // of max_attempts); errors stays as the history of the earlier runs. The claim epoch is not reset, so a node
    // that still held an old claim can never finish the re-driven job.
    private const string RedriveSql = """
        UPDATE aq_jobs
           SET state = 'available', attempt = 0, completed_at = NULL,
               scheduled_at = NULL, cancel_requested = false, result = NULL, lease_expires_at = NULL
        """;

    public Task<Job?> GetAsync(string id, CancellationToken cancellationToken) =>
        RetriedAfterServerRestartAsync(() => ReadJobAsync(id, cancellationToken));

    private async Task<Job?> ReadJobAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {PostgresJobRows.Columns} FROM aq_jobs WHERE id = @id");
        command.Parameters.With("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? PostgresJobRows.Read(reader) : null;
    }

    public async Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand();
        var sql = new StringBuilder($"SELECT {PostgresJobRows.Columns} FROM aq_jobs WHERE true");
        if (query.State is { } state)
        {
            sql.Append(" AND state = @state");
            command.Parameters.With("state", state.ToWire());
        }
        if (query.Queue is not null)
        {
            sql.Append(" AND queue = @queue");
            command.Parameters.With("queue", query.Queue);
        }
        if (query.Kind is not null)
        {
            sql.Append(" AND kind = @kind");
            command.Parameters.With("kind", query.Kind);
        }
        if (query.After is not null)
        {
            sql.Append(" AND seq < COALESCE((SELECT seq FROM aq_jobs WHERE id = @after), -1)");
            command.Parameters.With("after", query.After);
        }
        sql.Append(" ORDER BY seq DESC LIMIT @limit");
        command.Parameters.With("limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var jobs = new List<Job>(Math.Min(query.Limit + 1, 1000));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                jobs.Add(PostgresJobRows.Read(reader));
            }
        }
        var more = jobs.Count > query.Limit;
        if (more)
        {
            jobs.RemoveAt(jobs.Count - 1);
        }
        return new JobPage(jobs, more ? jobs[^1].Id : null);
    }

    public async Task<IReadOnlyList<QueueStateCount>> CountByQueueAndStateAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT queue, state, count(*) FROM aq_jobs GROUP BY queue, state");
        var counts = new List<QueueStateCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new QueueStateCount(reader.GetString(0), PostgresJobRows.ParseState(reader.GetString(1)), reader.GetInt64(2)));
        }
        return counts;
    }

    public async Task<CancelResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var now = Now;
        CancelOutcome outcome;
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Locked until commit, so the choice below cannot race with a claim or a finish.
            (JobState State, string Queue, int Attempt)? current = null;
            await using (var read = new NpgsqlCommand("SELECT state, queue, attempt FROM aq_jobs WHERE id = @id FOR UPDATE", connection, transaction))
            {
                read.Parameters.With("id", id);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    current = (PostgresJobRows.ParseState(reader.GetString(0)), reader.GetString(1), reader.GetInt32(2));
                }
            }
            (outcome, var sql) = current?.State switch
            {
                null => (CancelOutcome.NotFound, null),
                { } s when s.IsFinal() => (CancelOutcome.AlreadyFinal, null),
                // The node holding it hears of the request (signal) and at its next lease renewal.
                JobState.Running => (CancelOutcome.StopRequested, "UPDATE aq_jobs SET cancel_requested = true WHERE id = @id"),
                _ => (CancelOutcome.Cancelled, "UPDATE aq_jobs SET state = 'cancelled', completed_at = @now WHERE id = @id"),
            };
            if (sql is not null)
            {
                await using (var change = new NpgsqlCommand(sql, connection, transaction))
                {
                    change.Parameters.With("id", id).With("now", now);
                    await change.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                var (_, queue, attempt) = current!.Value;
                AfterCommit(() =>
                {
                    if (outcome == CancelOutcome.StopRequested)
                    {
                        Signals.NotifyCancelRequested(id);
                    }
                    else
                    {
                        Signals.NotifyChanged(new JobChange(id, queue, JobState.Cancelled, attempt, now));
                    }
                });
            }
        }
        return new CancelResult(outcome, outcome == CancelOutcome.NotFound ? null : await GetAsync(id, cancellationToken));
    }

    public async Task<RetryResult> RetryAsync(string id, CancellationToken cancellationToken)
    {
        var redriven = await RedriveAsync("id = @id AND state IN ('discarded', 'cancelled')", id, cancellationToken);
        RetryOutcome outcome;
        if (redriven > 0)
        {
            outcome = RetryOutcome.Retried;
        }
        else
        {
            await using var exists = _dataSource.CreateCommand("SELECT 1 FROM aq_jobs WHERE id = @id");
            exists.Parameters.With("id", id);
            outcome = await exists.ExecuteScalarAsync(cancellationToken) is null ? RetryOutcome.NotFound : RetryOutcome.NotRetryable;
        }
        return new RetryResult(outcome, outcome == RetryOutcome.NotFound ? null : await GetAsync(id, cancellationToken));
    }

    public Task<int> RetryAllDiscardedAsync(CancellationToken cancellationToken) =>
        RedriveAsync("state = 'discarded'", id: null, cancellationToken);

    /// <summary>
    /// The oldest <paramref name="limit"/> dead jobs, picked in a CTE of their own: a LIMIT subquery inside the
    /// UPDATE's WHERE may be run again by the plan and pick more. SKIP LOCKED so that two capped re-drives at
    /// once take different jobs instead of one waiting for the other's rows.
    /// </summary>
    public Task<int> RetryDiscardedAsync(int limit, CancellationToken cancellationToken) =>
        ChangeAsync($"""
            WITH picked AS MATERIALIZED (
                SELECT seq FROM aq_jobs WHERE state = 'discarded' ORDER BY seq LIMIT @limit FOR UPDATE SKIP LOCKED),
            changed AS (
                {RedriveSql}
                 WHERE state = 'discarded' AND seq IN (SELECT seq FROM picked)
                RETURNING id, queue, state, attempt)
            SELECT id, queue, state, attempt FROM changed
            """, parameters => parameters.With("limit", Math.Max(limit, 0)), cancellationToken);

    private Task<int> RedriveAsync(string where, string? id, CancellationToken cancellationToken) =>
        ChangeAsync($"""
            {RedriveSql}
             WHERE {where}
            RETURNING id, queue, state, attempt
            """, parameters => parameters.With("id", id), cancellationToken);

    /// <summary>
    /// Runs <paramref name="update"/> (a statement that answers <c>id, queue, state, attempt</c> of each job it
    /// changed), raises the changes once it has committed, and answers how many jobs it changed.
    /// </summary>
    private async Task<int> ChangeAsync(string update, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        var now = Now;
        List<JobChange> changes;
        await using (var command = _dataSource.CreateCommand(update))
        {
            bind(command.Parameters);
            command.Parameters.With("now", now).With("at_iso", PostgresJobRows.ToIso(now));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            changes = await ReadChangesAsync(reader, now, cancellationToken);
        }
        AfterCommit(() => NotifyAll(changes));
        return changes.Count;
    }
}
