using System.Data.Common;
using ActorQueue.Datasets;

namespace ActorQueue.Storage;

/// <summary>Reads dataset rows for both stores. Times are Unix milliseconds in both schemas.</summary>
internal static class DatasetRows
{
    /// <summary>The columns <see cref="Read"/> expects, without the state.</summary>
    public const string Columns = """
        id, name, processor, options, on_error, status, sealed, rows_received, rows_processed,
        NULL, failed_seq, failure, error_count, created_at, updated_at
        """;

    /// <summary>As <see cref="Columns"/>, with the state.</summary>
    public const string ColumnsWithState = """
        id, name, processor, options, on_error, status, sealed, rows_received, rows_processed,
        state, failed_seq, failure, error_count, created_at, updated_at
        """;

    /// <summary>The number of columns of <see cref="Columns"/>: what a query adds comes after them.</summary>
    public const int ColumnCount = 15;

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
        StateJson = reader.IsDBNull(9) ? null : reader.GetString(9),
        Failure = reader.IsDBNull(10) ? null : new DatasetRowError(reader.GetInt64(10), reader.GetString(11)),
        ErrorCount = reader.GetInt64(12),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
    };

    /// <summary>What <see cref="ReadHead"/> expects, with the dataset's seq last (binds <c>@id</c>).</summary>
    public const string HeadQuery = "SELECT processor, options, on_error, status, rows_received, seq FROM aq_datasets WHERE id = @id";

    /// <summary>Rows of a dataset (by its seq) after a checkpoint, in order (binds <c>@d, @after, @limit</c>).</summary>
    public const string RowsAfterQuery = "SELECT seq, data FROM aq_dataset_rows WHERE dataset_seq = @d AND seq > @after ORDER BY seq LIMIT @limit";

    /// <summary>Whether the entity reads rows after the head: only while the dataset can make progress and has them.</summary>
    public static bool HasRowsAfter(DatasetHead head, long afterSeq) =>
        head.Status is DatasetStatus.Open or DatasetStatus.Sealed && head.RowsReceived > afterSeq;

    public static DatasetHead ReadHead(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        DatasetWords.ParsePolicy(reader.GetString(2)),
        DatasetWords.ParseStatus(reader.GetString(3)),
        reader.GetInt64(4));

    /// <summary>The sweep's list: datasets that can still make progress and have rows waiting, in creation order.</summary>
    public const string PendingQuery = """
        SELECT id FROM aq_datasets
         WHERE status IN ('open', 'sealed') AND rows_processed < rows_received
         ORDER BY seq
        """;

    /// <summary>Fails an open or sealed dataset at the row after its checkpoint. Binds <c>@id, @failure, @now</c>.</summary>
    public const string FailSql = """
        UPDATE aq_datasets
           SET status = 'failed', failed_seq = rows_processed + 1, failure = @failure, updated_at = @now
         WHERE id = @id AND status IN ('open', 'sealed')
        """;

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
