using System.Data.Common;
using ActorQueue.Datasets;

namespace ActorQueue.Storage;

/// <summary>Reads dataset rows for both stores. Times are Unix milliseconds in both schemas.</summary>
internal static class DatasetRows
{
    /// <summary>The columns <see cref="Read"/> expects; binds <c>@now</c> (a lease is shown only while live) and shows no state.</summary>
    public const string Columns = """
        id, name, processor, options, on_error, status, sealed, rows_received, rows_processed,
        CASE WHEN lease_expires_at > @now THEN owner END, epoch, NULL, failed_seq, failure, error_count, created_at, updated_at
        """;

    /// <summary>As <see cref="Columns"/>, with the state snapshot.</summary>
    public const string ColumnsWithState = """
        id, name, processor, options, on_error, status, sealed, rows_received, rows_processed,
        CASE WHEN lease_expires_at > @now THEN owner END, epoch, state, failed_seq, failure, error_count, created_at, updated_at
        """;

    public static DatasetInfo Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Processor = reader.GetString(2),
        OptionsJson = reader.GetString(3),
        OnError = DatasetWords.ParsePolicy(reader.GetString(4)),
        Status = DatasetWords.ParseStatus(reader.GetString(5)),
        Sealed = reader.GetBoolean(6),
        RowsReceived = reader.GetInt64(7),
        RowsProcessed = reader.GetInt64(8),
        Owner = reader.IsDBNull(9) ? null : reader.GetString(9),
        Epoch = reader.GetInt64(10),
        StateJson = reader.IsDBNull(11) ? null : reader.GetString(11),
        Failure = reader.IsDBNull(12) ? null : new DatasetRowError(reader.GetInt64(12), reader.GetString(13)),
        ErrorCount = reader.GetInt64(14),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(16)),
    };

    /// <summary>What a lease acquisition returns (<c>RETURNING</c>), in the order <see cref="ReadLease"/> expects.</summary>
    public const string LeaseColumns = "epoch, processor, options, on_error, rows_processed, state";

    public static DatasetLease ReadLease(DbDataReader reader, string id, string owner) => new()
    {
        DatasetId = id,
        Owner = owner,
        Epoch = reader.GetInt64(0),
        Processor = reader.GetString(1),
        OptionsJson = reader.GetString(2),
        OnError = DatasetWords.ParsePolicy(reader.GetString(3)),
        Checkpoint = reader.GetInt64(4),
        StateJson = reader.IsDBNull(5) ? null : reader.GetString(5),
    };

    /// <summary>
    /// The work list's columns (binds <c>@now</c>): datasets open or sealed with rows to process or a live lease,
    /// in creation order, read by <see cref="ReadWork"/>.
    /// </summary>
    public const string WorkQuery = """
        SELECT id, processor, CASE WHEN lease_expires_at > @now THEN owner END, rows_processed < rows_received
          FROM aq_datasets
         WHERE status IN ('open', 'sealed') AND (rows_processed < rows_received OR lease_expires_at > @now)
         ORDER BY seq
        """;

    public static DatasetWork ReadWork(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3));

    /// <summary>How many row errors <see cref="IDatasetStore.GetDatasetAsync"/> returns with a dataset.</summary>
    public const int ErrorsShown = 100;

    /// <summary>
    /// Which rows of an append are new. Rows are numbered from <paramref name="firstSeq"/> (or right after
    /// <paramref name="lastSeq"/>); those at or below <paramref name="lastSeq"/> are already stored.
    /// </summary>
    public static (int Skip, long NextSeq) PlanAppend(string id, long lastSeq, long? firstSeq, int count, bool isSealed)
    {
        var first = firstSeq ?? lastSeq + 1;
        if (first < 1)
        {
            throw new DatasetConflictException($"firstSeq must be 1 or more; it is {first}.");
        }
        if (first > lastSeq + 1)
        {
            throw new DatasetConflictException(
                $"firstSeq {first} would leave a gap: dataset {id} has rows up to {lastSeq}, so the next row is {lastSeq + 1}.");
        }
        var skip = (int)Math.Min(count, lastSeq + 1 - first);
        if (skip < count && isSealed)
        {
            throw new DatasetConflictException($"Dataset {id} is sealed: it takes no more rows (it has {lastSeq}).");
        }
        return (skip, lastSeq + 1);
    }
}
