using ActorQueue.Datasets.Persistence;

namespace ActorQueue.Tests.Datasets.Persistence;

/// <summary>The committed journal records of <c>Fixtures/v1</c> (see its README): bytes as an earlier build stored them.</summary>
internal static class JournalFixtures
{
    public const string Options = """{"keyColumn":"p","valueColumns":["x"]}""";

    /// <summary>The fixtures' dataset, applied with policy skip.</summary>
    public static readonly string[] Rows =
    [
        """{"p":"a","x":"1"}""", """{"p":"b","x":"2"}""", """{"p":"a","x":"3.5"}""", """{"p":"b","x":"bad"}""", """{"p":"a","x":"-1"}""",
        """{"p":"c","x":"10"}""", """{"p":"b","x":"4"}""", """{"p":"a","x":"2"}""", """{"p":"c","x":"5"}""", """{"p":"b","x":"1"}""",
    ];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Datasets", "Persistence", "Fixtures", "v1");

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));

    /// <summary>Journal sequence number → the event's bytes, under manifest <see cref="DatasetJournalManifests.Batch"/>.</summary>
    public static IReadOnlyList<(long SequenceNr, byte[] Bytes)> Events =>
        [.. Enumerable.Range(1, 4).Select(n => ((long)n, Bytes($"{n}.dataset-batch.json")))];

    /// <summary>The snapshot taken at journal sequence number 2 (checkpoint 4), under <see cref="DatasetJournalManifests.Snapshot"/>.</summary>
    public static (long SequenceNr, byte[] Bytes) Snapshot => (2, Bytes("2.dataset-snapshot.json"));
}
