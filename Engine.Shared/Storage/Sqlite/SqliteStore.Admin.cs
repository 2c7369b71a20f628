using System.Text;
using ActorQueue.Jobs;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    // A re-drive gives the job a fresh set of attempts: the counter starts again from 0 (the next claim is attempt 1
    // of max_attempts); errors stays as the history of the earlier runs. The claim epoch is not reset, so a node
    // that still held an old claim can never finish the re-driven job.
    private const string RedriveSql = """
        UPDATE aq_jobs
           SET state = 'available', attempt = 0, completed_at = NULL,
               scheduled_at = NULL, cancel_requested = 0, result = NULL, lease_expires_at = NULL
        """;

    public async Task<Job?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteJobRows.Columns} FROM aq_jobs WHERE id = @id";
        command.With("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? SqliteJobRows.Read(reader) : null;
    }

    public async Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {SqliteJobRows.Columns} FROM aq_jobs WHERE 1 = 1");
        if (query.State is { } state)
        {
            sql.Append(" AND state = @state");
            command.With("@state", state.ToWire());
        }
        if (query.Queue is not null)
        {
            sql.Append(" AND queue = @queue");
            command.With("@queue", query.Queue);
        }
        if (query.Kind is not null)
        {
            sql.Append(" AND kind = @kind");
            command.With("@kind", query.Kind);
        }
        if (query.After is not null)
        {
            sql.Append(" AND seq < COALESCE((SELECT seq FROM aq_jobs WHERE id = @after), -1)");
            command.With("@after", query.After);
        }
        sql.Append(" ORDER BY seq DESC LIMIT @limit");
        command.With("@limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var jobs = new List<Job>(Math.Min(query.Limit + 1, 1000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(SqliteJobRows.Read(reader));
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
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT queue, state, COUNT(*) FROM aq_jobs GROUP BY queue, state";
        var counts = new List<QueueStateCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new QueueStateCount(reader.GetString(0), SqliteJobRows.ParseState(reader.GetString(1)), reader.GetInt64(2)));
        }
        return counts;
    }

    public async Task<CancelResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await _writer.ExecuteAsync(batch =>
        {
            var current = ReadStateForUpdate(batch, id);
            if (current is null)
            {
                return CancelOutcome.NotFound;
            }
            var (state, queue, attempt) = current.Value;
            if (state.IsFinal())
            {
                return CancelOutcome.AlreadyFinal;
            }
            if (state == JobState.Running)
            {
                batch.Command("UPDATE aq_jobs SET cancel_requested = 1 WHERE id = @id").With("@id", id).ExecuteNonQuery();
                batch.AfterCommit(() => Signals.NotifyCancelRequested(id));
                return CancelOutcome.StopRequested;
            }
            var now = Now;
            batch.Command("UPDATE aq_jobs SET state = 'cancelled', completed_at = @now WHERE id = @id")
                .With("@now", SqliteJobRows.ToMs(now)).With("@id", id).ExecuteNonQuery();
            batch.AfterCommit(() => Signals.NotifyChanged(new JobChange(id, queue, JobState.Cancelled, attempt, now)));
            return CancelOutcome.Cancelled;
        }, cancellationToken);
        return new CancelResult(outcome, outcome == CancelOutcome.NotFound ? null : await GetAsync(id, cancellationToken));
    }

    public async Task<RetryResult> RetryAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await _writer.ExecuteAsync(batch =>
        {
            var current = ReadStateForUpdate(batch, id);
            if (current is null)
            {
                return RetryOutcome.NotFound;
            }
            var (state, queue, _) = current.Value;
            if (state is not (JobState.Discarded or JobState.Cancelled))
            {
                return RetryOutcome.NotRetryable;
            }
            batch.Command(RedriveSql + " WHERE id = @id").With("@id", id).ExecuteNonQuery();
            var now = Now;
            batch.AfterCommit(() =>
            {
                Signals.NotifyAvailable(queue);
                Signals.NotifyChanged(new JobChange(id, queue, JobState.Available, 0, now));
            });
            return RetryOutcome.Retried;
        }, cancellationToken);
        return new RetryResult(outcome, outcome == RetryOutcome.NotFound ? null : await GetAsync(id, cancellationToken));
    }

    public Task<int> RetryAllDiscardedAsync(CancellationToken cancellationToken) => RedriveDiscardedAsync(limit: null, cancellationToken);

    public Task<int> RetryDiscardedAsync(int limit, CancellationToken cancellationToken) =>
        RedriveDiscardedAsync(Math.Max(limit, 0), cancellationToken);

    private Task<int> RedriveDiscardedAsync(int? limit, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var now = Now;
            var changes = new List<JobChange>();
            var where = limit is null
                ? " WHERE state = 'discarded'"
                : " WHERE seq IN (SELECT seq FROM aq_jobs WHERE state = 'discarded' ORDER BY seq LIMIT @limit)";
            var command = batch.Command(RedriveSql + where + " RETURNING id, queue, attempt");
            if (limit is { } max)
            {
                command.With("@limit", max);
            }
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    changes.Add(new JobChange(reader.GetString(0), reader.GetString(1), JobState.Available, reader.GetInt32(2), now));
                }
            }
            batch.AfterCommit(() => NotifyAll(changes));
            return changes.Count;
        }, cancellationToken);

    private static (JobState State, string Queue, int Attempt)? ReadStateForUpdate(SqliteWriteBatch batch, string id)
    {
        using var reader = batch.Command("SELECT state, queue, attempt FROM aq_jobs WHERE id = @id").With("@id", id).ExecuteReader();
        return reader.Read() ? (SqliteJobRows.ParseState(reader.GetString(0)), reader.GetString(1), reader.GetInt32(2)) : null;
    }

    private void NotifyAll(List<JobChange> changes)
    {
        foreach (var queue in changes.Where(c => c.State == JobState.Available).Select(c => c.Queue).Distinct(StringComparer.Ordinal))
        {
            Signals.NotifyAvailable(queue);
        }
        foreach (var change in changes)
        {
            Signals.NotifyChanged(change);
        }
    }

    private static List<JobChange> ReadChanges(SqliteDataReader reader, DateTimeOffset now)
    {
        // Rows of (id, queue, state, attempt).
        var changes = new List<JobChange>();
        while (reader.Read())
        {
            changes.Add(new JobChange(reader.GetString(0), reader.GetString(1), SqliteJobRows.ParseState(reader.GetString(2)), reader.GetInt32(3), now));
        }
        return changes;
    }
}
