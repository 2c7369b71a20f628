using System.Text.Json;
using ActorQueue.Cluster.Directory;
using ActorQueue.Datasets;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Gateway;

internal static class DatasetViews
{
    /// <param name="host">The member whose shard region hosts the dataset's entity now, or null.</param>
    public static DatasetView From(DatasetInfo info, MemberInfo? host) => new()
    {
        Id = info.Id,
        Name = info.Name,
        Processor = info.Processor,
        Options = Parse(info.OptionsJson) ?? default,
        OnError = info.OnError.ToWire(),
        Status = info.Status.ToWire(),
        Sealed = info.Sealed,
        RowsReceived = info.RowsReceived,
        RowsProcessed = info.RowsProcessed,
        Owner = host?.Id,
        OwnerName = host?.Name,
        State = Parse(info.StateJson),
        Failure = info.Failure is { } failure ? new DatasetRowErrorView(failure.Seq, failure.Message) : null,
        ErrorCount = info.ErrorCount,
        Errors = info.Errors.Select(e => new DatasetRowErrorView(e.Seq, e.Message)).ToList(),
        CreatedAt = info.CreatedAt,
        UpdatedAt = info.UpdatedAt,
    };

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
