using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ActorQueue.Datasets.Persistence;
using ActorQueue.Storage;

namespace ActorQueue.Datasets.Entity;

/// <summary>
/// A dataset entity's persisted state: the checkpoint, the processor's state at it (by member for a JSON
/// object, whole otherwise), the count of skipped rows and the row it stopped at, if any. Changed only by
/// <see cref="Apply"/>, the same pure function for a live batch and a replayed event, so a recovered entity
/// is exactly where the one before it was.
/// </summary>
internal sealed record DatasetState
{
    public static readonly DatasetState Empty = new();

    /// <summary>The last row applied or skipped.</summary>
    public long Checkpoint { get; init; }

    public ImmutableSortedDictionary<string, JsonElement>? Members { get; init; }

    public string? Whole { get; init; }

    public long ErrorCount { get; init; }

    public PersistedRowError? Failure { get; init; }

    /// <summary>The state after <paramref name="e"/>; <see cref="DatasetJournalException"/> when it does not follow this state.</summary>
    public DatasetState Apply(BatchApplied e)
    {
        if (e.From != Checkpoint || e.To < e.From)
        {
            throw new DatasetJournalException(
                $"the journal's batch of rows {e.From + 1}–{e.To} does not follow the checkpoint {Checkpoint} of the events before it");
        }
        var next = this with { Checkpoint = e.To, ErrorCount = ErrorCount + e.Skipped, Failure = e.Failure };
        if (e.Whole is not null)
        {
            return next with { Whole = e.Whole, Members = null };
        }
        var members = Members ?? ImmutableSortedDictionary.Create<string, JsonElement>(StringComparer.Ordinal);
        if (e.Set is not null)
        {
            members = members.SetItems(e.Set);
        }
        if (e.Removed is not null)
        {
            members = members.RemoveRange(e.Removed);
        }
        return next with { Members = members, Whole = null };
    }

    /// <summary>The event that takes this state to the end of <paramref name="batch"/>: the members of its state that differ.</summary>
    public BatchApplied Change(DatasetBatch batch)
    {
        var failure = batch.Failure is { } f ? new PersistedRowError(f.Seq, f.Message) : null;
        using var document = JsonDocument.Parse(batch.StateJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new BatchApplied { From = batch.FromSeq, To = batch.ToSeq, Whole = root.GetRawText(), Skipped = batch.Skipped.Count, Failure = failure };
        }
        var set = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var seen = Members is null ? null : new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            seen?.Add(member.Name);
            if (Members is null || !Members.TryGetValue(member.Name, out var before) || !SameJson(before, member.Value))
            {
                set[member.Name] = member.Value.Clone();
            }
        }
        var removed = Members?.Keys.Where(name => !seen!.Contains(name)).ToList();
        return new BatchApplied
        {
            From = batch.FromSeq,
            To = batch.ToSeq,
            Set = set,
            Removed = removed is { Count: > 0 } ? removed : null,
            Skipped = batch.Skipped.Count,
            Failure = failure,
        };
    }

    public static DatasetState From(DatasetSnapshot snapshot) => new()
    {
        Checkpoint = snapshot.Checkpoint,
        Members = snapshot.Members?.ToImmutableSortedDictionary(StringComparer.Ordinal),
        Whole = snapshot.Whole,
        ErrorCount = snapshot.ErrorCount,
        Failure = snapshot.Failure,
    };

    public DatasetSnapshot ToSnapshot() => new()
    {
        Checkpoint = Checkpoint,
        Members = Members,
        Whole = Whole,
        ErrorCount = ErrorCount,
        Failure = Failure,
    };

    /// <summary>The processor's state as one JSON value (what <see cref="IRowProcessorState.Restore"/> takes), or null before the first batch.</summary>
    public string? StateJson()
    {
        if (Whole is not null)
        {
            return Whole;
        }
        if (Members is null)
        {
            return null;
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in Members)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool SameJson(JsonElement a, JsonElement b) =>
        JsonMarshal.GetRawUtf8Value(a).SequenceEqual(JsonMarshal.GetRawUtf8Value(b));
}
