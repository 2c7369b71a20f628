using ActorQueue.Jobs;

namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    private const string FindByUniqueKeySql = "SELECT id, state, enqueued_at FROM aq_jobs WHERE unique_key = @key";

    private const string InsertSql = """
        INSERT INTO aq_jobs (id, kind, queue, state, priority, max_attempts, payload, unique_key, timeout_seconds, enqueued_at, scheduled_at, trace_parent)
        VALUES (@id, @kind, @queue, @state, @priority, @max_attempts, @payload, @unique_key, @timeout, @enqueued_at, @scheduled_at, @trace_parent)
        """;

    public Task<SubmitResult> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch => Insert(batch, submission, Now), cancellationToken);

    public Task<IReadOnlyList<SubmitResult>> SubmitBatchAsync(IReadOnlyList<JobSubmission> submissions, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync<IReadOnlyList<SubmitResult>>(batch =>
        {
            var now = Now;
            var results = new SubmitResult[submissions.Count];
            for (var i = 0; i < submissions.Count; i++)
            {
                results[i] = Insert(batch, submissions[i], now);
            }
            return results;
        }, cancellationToken, multiStatement: true);

    private SubmitResult Insert(SqliteWriteBatch batch, JobSubmission submission, DateTimeOffset now)
    {
        if (submission.UniqueKey is not null)
        {
            using var reader = batch.Command(FindByUniqueKeySql).With("@key", submission.UniqueKey).ExecuteReader();
            if (reader.Read())
            {
                return new SubmitResult(reader.GetString(0), SqliteJobRows.ParseState(reader.GetString(1)), SqliteJobRows.FromMs(reader.GetInt64(2)), Existing: true);
            }
        }

        var id = _ids.Next(now);
        var scheduled = submission.RunAt is { } runAt && runAt > now;
        var state = scheduled ? JobState.Scheduled : JobState.Available;
        batch.Command(InsertSql)
            .With("@id", id)
            .With("@kind", submission.Kind)
            .With("@queue", submission.Queue)
            .With("@state", state.ToWire())
            .With("@priority", submission.Priority)
            .With("@max_attempts", submission.MaxAttempts)
            .With("@payload", submission.Payload)
            .With("@unique_key", submission.UniqueKey)
            .With("@timeout", submission.TimeoutSeconds)
            .With("@enqueued_at", SqliteJobRows.ToMs(now))
            .With("@scheduled_at", scheduled ? SqliteJobRows.ToMs(submission.RunAt!.Value) : null)
            .With("@trace_parent", submission.TraceParent)
            .ExecuteNonQuery();

        var queue = submission.Queue;
        batch.AfterCommit(() =>
        {
            if (scheduled)
            {
                Signals.NotifyScheduleChanged();
            }
            else
            {
                Signals.NotifyAvailable(queue);
            }
            Signals.NotifyChanged(new JobChange(id, queue, state, 0, now));
        });
        return new SubmitResult(id, state, now, Existing: false);
    }
}
