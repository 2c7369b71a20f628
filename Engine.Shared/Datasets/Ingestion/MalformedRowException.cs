namespace ActorQueue.Datasets.Ingestion;

/// <summary>A row of an upload that cannot be read; <see cref="Line"/> is its line in the upload, from 1.</summary>
internal sealed class MalformedRowException(long line, string reason) : Exception($"line {line}: {reason}")
{
    public long Line { get; } = line;
    public string Reason { get; } = reason;
}
