using System.Collections;
using System.Diagnostics;

namespace ActorQueue.Tests.TestKit;

/// <summary>
/// Where an in-memory span exporter puts what it exports (<c>AddInMemoryExporter(collector)</c>), safe to read while
/// spans arrive. Every tracer provider in a process sees every span of the sources it listens to, so tests pick
/// their own spans by trace id.
/// </summary>
internal sealed class SpanCollector : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];
    private readonly Lock _lock = new();

    /// <summary>The spans of trace <paramref name="traceId"/> exported so far, each once.</summary>
    public IReadOnlyList<Activity> OfTrace(string traceId)
    {
        lock (_lock)
        {
            return [.. _spans.Where(span => span.TraceId.ToHexString() == traceId).DistinctBy(span => span.SpanId)];
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (_lock)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_lock)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_lock)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_lock)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_lock)
        {
            return _spans.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
