namespace ActorQueue.Datasets;

/// <summary>The lower-case words statuses and policies have on the wire and in the store.</summary>
internal static class DatasetWords
{
    public static string ToWire(this DatasetStatus status) => status switch
    {
        DatasetStatus.Open => "open",
        DatasetStatus.Sealed => "sealed",
        DatasetStatus.Completed => "completed",
        DatasetStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static DatasetStatus ParseStatus(string text) => text switch
    {
        "open" => DatasetStatus.Open,
        "sealed" => DatasetStatus.Sealed,
        "completed" => DatasetStatus.Completed,
        "failed" => DatasetStatus.Failed,
        _ => throw new InvalidDataException($"Unknown dataset status '{text}' in the store."),
    };

    public static string ToWire(this RowErrorPolicy policy) => policy == RowErrorPolicy.Skip ? "skip" : "fail";

    public static bool TryParsePolicy(string? text, out RowErrorPolicy policy)
    {
        policy = text switch
        {
            "fail" => RowErrorPolicy.Fail,
            "skip" => RowErrorPolicy.Skip,
            _ => (RowErrorPolicy)(-1),
        };
        return (int)policy >= 0;
    }

    public static RowErrorPolicy ParsePolicy(string text) =>
        TryParsePolicy(text, out var policy) ? policy : throw new InvalidDataException($"Unknown row error policy '{text}' in the store.");
}
