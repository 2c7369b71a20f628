using ActorQueue.Jobs;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// What a write raises on <see cref="Signals"/>, in the order and with the content the embedded store raises
/// it. Raised after the commit (never for a change that rolled back) and before the write returns, so a
/// caller that submits and then watches finds its submission's change already raised.
/// </summary>
internal sealed partial class PostgresStore
{
    /// <summary>Runs <paramref name="raise"/> once the write has committed.</summary>
    private void AfterCommit(Action raise)
    {
        try
        {
            raise();
        }
        catch (Exception exception)
        {
            // A subscriber failed; the commit stands, and the write must still answer its caller.
            PostgresLog.SignalHandlerFailed(_logger, exception);
        }
    }

    /// <summary>"Jobs available" once per queue that got some, then each change.</summary>
    private void NotifyAll(IReadOnlyList<JobChange> changes)
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

    /// <summary>Reads rows of (id, queue, state, attempt): the RETURNING of a statement that changed jobs.</summary>
    private static async Task<List<JobChange>> ReadChangesAsync(NpgsqlDataReader reader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changes = new List<JobChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new JobChange(reader.GetString(0), reader.GetString(1), PostgresJobRows.ParseState(reader.GetString(2)), reader.GetInt32(3), now));
        }
        return changes;
    }
}
