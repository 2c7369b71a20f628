namespace ActorQueue.Datasets.Ingestion;

/// <summary>One row read from an upload: the JSON object to store and the line it started on.</summary>
internal readonly record struct ParsedRow(string Json, long Line);
