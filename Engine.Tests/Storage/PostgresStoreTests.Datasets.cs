using System.Text.Json;
using ActorQueue.Datasets;
using ActorQueue.Storage;

namespace ActorQueue.Tests.Storage;

/// <summary>Datasets on a database shared by several processes: concurrent ingestion.</summary>
public sealed partial class PostgresStoreTests
{
    [Fact]
    public async Task Two_processes_appending_to_one_dataset_get_gapless_unique_sequence_numbers()
    {
        const int Writers = 4, Chunks = 10, ChunkSize = 50;
        await using var other = OpenAnother();
        IDatasetStore mine = (IDatasetStore)Store, theirs = other;
        var dataset = await mine.CreateDatasetAsync(new NewDataset("shared", "running-stats", "{}", RowErrorPolicy.Fail), None);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var appenders = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await start.Task;
            var store = w % 2 == 0 ? mine : theirs;
            var results = new List<(int Chunk, AppendResult Result)>();
            for (var c = 0; c < Chunks; c++)
            {
                var rows = Enumerable.Range(0, ChunkSize).Select(i => $$"""{"w":{{w}},"c":{{c}},"i":{{i}}}""").ToArray();
                results.Add((c, await store.AppendRowsAsync(dataset.Id, null, rows, None)));
            }
            return (Writer: w, Results: results);
        })).ToList();
        start.SetResult();
        var appended = await Task.WhenAll(appenders);

        const int Total = Writers * Chunks * ChunkSize;
        var stored = await theirs.ReadRowsAsync(dataset.Id, 0, Total + 1, None);
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), stored.Select(r => r.Seq));
        Assert.Equal(Total, (await mine.GetDatasetAsync(dataset.Id, None))!.RowsReceived);
        // Each chunk got a block of numbers of its own, its rows in their order.
        foreach (var (writer, results) in appended)
        {
            foreach (var (chunk, result) in results)
            {
                Assert.Equal(ChunkSize, result.Accepted);
                var block = stored.Skip((int)result.LastSeq - ChunkSize).Take(ChunkSize).Select(r => JsonDocument.Parse(r.Json).RootElement).ToList();
                Assert.All(block, row => Assert.Equal((writer, chunk), (row.GetProperty("w").GetInt32(), row.GetProperty("c").GetInt32())));
                Assert.Equal(Enumerable.Range(0, ChunkSize), block.Select(row => row.GetProperty("i").GetInt32()));
            }
        }
    }
}
