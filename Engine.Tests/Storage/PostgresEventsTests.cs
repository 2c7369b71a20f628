using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Storage.Postgres;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Storage;

/// <summary>The NOTIFY payload format, read without a server.</summary>
[Trait("Category", "Unit")]
public sealed class PostgresEventsTests
{
    private readonly JobSignals _signals = new();
    private readonly PostgresEchoes _echoes = new();
    private readonly CapturingLoggerProvider _logs = new();

    private PostgresEvents Events() => new(_signals, _echoes, _logs.CreateLogger("postgres"));

    [Fact]
    public async Task Each_line_of_a_payload_raises_its_signal()
    {
        var changes = new List<JobChange>();
        var cancels = new List<string>();
        _signals.Changed += changes.Add;
        _signals.CancelRequested += cancels.Add;

        Events().Dispatch("other.1.0.0\na\timages\ns\nx\tjob-1\nc\tjob-2\timages\tcompleted\t3\t1767268800000");

        Assert.True(await _signals.WaitForAvailableAsync("images", TimeSpan.Zero, CancellationToken.None));
        Assert.True(await _signals.WaitForScheduleChangeAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(["job-1"], cancels);
        Assert.Equal(new JobChange("job-2", "images", JobState.Completed, 3, new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)), Assert.Single(changes));
    }

    [Fact]
    public async Task Malformed_lines_are_logged_and_skipped_and_unknown_kinds_ignored()
    {
        var changes = new List<JobChange>();
        _signals.Changed += changes.Add;

        Events().Dispatch("other.1.0.0\nc\tjob-1\tq\tno-such-state\t1\t0\nz\tfrom a newer version\nc\tjob-2\tq\trunning\t1\t99999999999999999999\na\tq");

        Assert.Empty(changes);
        Assert.Equal(2, _logs.Entries.Count(e => e.EventId.Id == 5004));
        Assert.True(await _signals.WaitForAvailableAsync("q", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Dataset_lines_wake_the_shard_region_and_report_progress()
    {
        var progressed = new List<string>();
        _signals.DatasetProgressed += progressed.Add;

        Events().Dispatch("other.1.0.0\nd\np\tdataset-1\np\np\tdataset-2");

        Assert.True(await _signals.WaitForDatasetWorkAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(["dataset-1", "dataset-2"], progressed);
        Assert.Equal(1, _logs.Entries.Count(e => e.EventId.Id == 5004));
    }

    [Fact]
    public async Task A_write_waits_for_the_echo_of_its_own_payloads_only()
    {
        var events = Events();
        _echoes.SetListening(true);
        using var echo = _echoes.Begin();
        var origin = echo.Origin(0);

        var waiting = echo.WaitAsync(payloads: 2);
        events.Dispatch($"{origin}.0\ns");
        events.Dispatch("someone-else.1.0.0\ns");
        Assert.False(waiting.IsCompleted);
        events.Dispatch($"{origin}.1\ns");

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Losing_the_listener_releases_writes_waiting_for_their_echo()
    {
        _echoes.SetListening(true);
        using var echo = _echoes.Begin();
        var waiting = echo.WaitAsync(payloads: 1);

        _echoes.SetListening(false);

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
