using System.Globalization;
using ActorQueue.Jobs;
using ActorQueue.Storage;

namespace ActorQueue.Tests.TestKit;

/// <summary>
/// Takes the place of the cluster's signal bridge on a store's <see cref="JobSignals"/>: records, in order,
/// each signal the store raised for its own commits (what the bridge would publish to the other members),
/// and separately what this process's subscribers heard, so that a test can tell a signal raised once from
/// one raised twice, late or never. Entries read <c>available default</c>, <c>changed ID QUEUE STATE ATTEMPT MS</c>,
/// <c>schedule</c>, <c>cancel ID</c>, <c>dataset-work</c>, <c>progress ID</c>.
/// </summary>
internal sealed class SignalRecorder : ISignalOutbox, IDisposable
{
    private readonly JobSignals _signals;
    private readonly Lock _lock = new();
    private readonly List<string> _published = [];
    private readonly List<string> _heard = [];

    public SignalRecorder(JobSignals signals)
    {
        _signals = signals;
        signals.Outbox = this;
        signals.Available += OnAvailable;
        signals.Changed += OnChanged;
        signals.ScheduleChanged += OnScheduleChanged;
        signals.CancelRequested += OnCancelRequested;
        signals.DatasetProgressed += OnDatasetProgressed;
    }

    public static string Available(string queue) => $"available {queue}";

    public static string Changed(JobChange change) => string.Create(CultureInfo.InvariantCulture,
        $"changed {change.JobId} {change.Queue} {change.State.ToWire()} {change.Attempt} {change.At.ToUnixTimeMilliseconds()}");

    public const string Schedule = "schedule";

    public static string Cancel(string jobId) => $"cancel {jobId}";

    public static string Progress(string datasetId) => $"progress {datasetId}";

    /// <summary>What the store sent to the other members since the last call, in order.</summary>
    public IReadOnlyList<string> TakePublished() => Take(_published);

    /// <summary>What this process's subscribers heard since the last call, in order (dataset work has no event).</summary>
    public IReadOnlyList<string> TakeHeard() => Take(_heard);

    private List<string> Take(List<string> entries)
    {
        lock (_lock)
        {
            var taken = entries.ToList();
            entries.Clear();
            return taken;
        }
    }

    private void Add(List<string> entries, string entry)
    {
        lock (_lock)
        {
            entries.Add(entry);
        }
    }

    void ISignalOutbox.JobsAvailable(string queue) => Add(_published, Available(queue));

    void ISignalOutbox.Changed(JobChange change) => Add(_published, Changed(change));

    void ISignalOutbox.CancelRequested(string jobId) => Add(_published, Cancel(jobId));

    void ISignalOutbox.ScheduleChanged() => Add(_published, Schedule);

    void ISignalOutbox.DatasetProgressed(string datasetId) => Add(_published, Progress(datasetId));

    private void OnAvailable(string queue) => Add(_heard, Available(queue));

    private void OnChanged(JobChange change) => Add(_heard, Changed(change));

    private void OnScheduleChanged() => Add(_heard, Schedule);

    private void OnCancelRequested(string jobId) => Add(_heard, Cancel(jobId));

    private void OnDatasetProgressed(string datasetId) => Add(_heard, Progress(datasetId));

    public void Dispose()
    {
        _signals.Outbox = null;
        _signals.Available -= OnAvailable;
        _signals.Changed -= OnChanged;
        _signals.ScheduleChanged -= OnScheduleChanged;
        _signals.CancelRequested -= OnCancelRequested;
        _signals.DatasetProgressed -= OnDatasetProgressed;
    }
}
