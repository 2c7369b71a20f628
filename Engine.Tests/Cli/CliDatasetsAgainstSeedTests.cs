using System.Text.Json;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Cli;

/// <summary><c>aq datasets …</c> run in-process against a real embedded seed (SQLite), as a user drives it.</summary>
[Trait("Category", "Integration")]
public sealed class CliDatasetsAgainstSeedTests : IAsyncLifetime
{
    private const string GamesOptions = """{"keyColumn":"player","valueColumns":["points","rebounds"]}""";

    private readonly TempDirectory _files = new();
    private SeedServer _seed = null!;

    // Small batches and upload chunks, so that a few thousand rows cross many of both.
    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync(["--Datasets:BatchSize=250", "--Datasets:IngestChunkSize=300"]);

    public async Task DisposeAsync()
    {
        await _seed.DisposeAsync();
        _files.Dispose();
    }

    private Task<CliRun> Aq(params string[] args) =>
        CliHarness.RunAsync([.. args, "--seed", _seed.BaseAddress.ToString().TrimEnd('/')]);

    private string WriteFile(string name, string text)
    {
        var path = _files.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> CreateGamesAsync(params string[] extra)
    {
        var created = await Aq(["datasets", "create", "games", "--processor", "running-stats", "--options", GamesOptions, .. extra]);
        Assert.True(created.ExitCode == 0, created.Error);
        return created.Out.Trim();
    }

    private static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

    [Fact]
    public async Task Create_upload_seal_show_and_results_give_every_rows_running_statistics_in_order()
    {
        var games = GameResults.Generate(2500);
        var csv = WriteFile("games.csv", games.ToCsv());

        var id = await CreateGamesAsync();
        var upload = await Aq("datasets", "upload", id, csv);
        var seal = await Aq("datasets", "seal", id);
        var show = await Aq("datasets", "show", id, "--wait", "30");
        var results = await Aq("datasets", "results", id);
        var list = await Aq("datasets", "list");

        Assert.Matches("^[0-9a-f-]{36}$", id);
        Assert.Equal(0, upload.ExitCode);
        Assert.Contains($"Sent games.csv ({new FileInfo(csv).Length} bytes, csv)", upload.Out, StringComparison.Ordinal);
        Assert.Contains("Accepted 2500 row(s); lastSeq 2500.", upload.Out, StringComparison.Ordinal);
        Assert.Equal(0, seal.ExitCode);
        Assert.StartsWith($"{id} sealed:", seal.Out, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Matches(@"status\s+completed", show.Out);
        Assert.Matches(@"rows processed\s+2500", show.Out);
        Assert.Contains("\"dora \\\"the\\\" explorer\": {", show.Out, StringComparison.Ordinal);
        Assert.Equal(0, results.ExitCode);
        games.AssertRunningStats(Lines(results.Out));
        Assert.Contains(id, list.Out, StringComparison.Ordinal);
        Assert.Contains("completed", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_start_after_a_seq_and_stop_at_the_limit_across_pages()
    {
        var games = GameResults.Generate(2200);
        var id = await CreateGamesAsync();
        Assert.Equal(0, (await Aq("datasets", "upload", id, WriteFile("games.csv", games.ToCsv()), "--seal")).ExitCode);
        Assert.Equal(0, (await Aq("datasets", "show", id, "--wait", "30")).ExitCode);

        var run = await Aq("datasets", "results", id, "--after-seq", "700", "--limit", "1200");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Enumerable.Range(701, 1200).Select(i => (long)i), Lines(run.Out).Select(r => r.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task An_ndjson_file_is_sent_as_ndjson_by_its_extension_and_seal_follows_the_upload()
    {
        var games = GameResults.Generate(600, seed: 3);
        var id = await CreateGamesAsync();

        var upload = await Aq("datasets", "upload", id, WriteFile("games.ndjson", games.ToNdjson()), "--seal", "--json");
        var show = await Aq("datasets", "show", id, "--wait", "30", "--json");

        Assert.Equal(0, upload.ExitCode);
        var answer = JsonDocument.Parse(upload.Out).RootElement;
        Assert.Equal(600, answer.GetProperty("accepted").GetInt64());
        Assert.Equal(600, answer.GetProperty("lastSeq").GetInt64());
        Assert.Equal(0, show.ExitCode);
        var view = JsonDocument.Parse(show.Out).RootElement;
        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("sealed").GetBoolean());
        games.AssertRunningStats(Lines((await Aq("datasets", "results", id)).Out));
    }

    [Fact]
    public async Task A_resent_file_with_first_seq_stores_no_row_twice()
    {
        var games = GameResults.Generate(1000);
        var id = await CreateGamesAsync();

        var part = await Aq("datasets", "upload", id, WriteFile("part.csv", games.ToCsv(0, 600)), "--first-seq", "1");
        var whole = WriteFile("games.csv", games.ToCsv());
        var resent = await Aq("datasets", "upload", id, whole, "--first-seq", "1");
        var again = await Aq("datasets", "upload", id, whole, "--first-seq", "1", "--seal");
        var show = await Aq("datasets", "show", id, "--wait", "30", "--json");

        Assert.Contains("Accepted 600 row(s); lastSeq 600.", part.Out, StringComparison.Ordinal);
        Assert.Contains("Accepted 400 row(s); lastSeq 1000.", resent.Out, StringComparison.Ordinal);
        Assert.Contains("Accepted 0 row(s); lastSeq 1000.", again.Out, StringComparison.Ordinal);
        Assert.Equal(1000, JsonDocument.Parse(show.Out).RootElement.GetProperty("rowsReceived").GetInt64());
        games.AssertRunningStats(Lines((await Aq("datasets", "results", id)).Out));
    }

    [Fact]
    public async Task A_malformed_row_stops_the_upload_with_the_seeds_sentence_and_the_command_to_resume_with()
    {
        var id = await CreateGamesAsync();
        const string Csv = "player,points,rebounds\nann,1,2\nbob,3,4\nann,5,6\ncarl,7\nbob,9,10\n";
        var path = WriteFile("games.csv", Csv);

        var bad = await Aq("datasets", "upload", id, path);
        File.WriteAllText(path, Csv.Replace("carl,7\n", "carl,7,8\n", StringComparison.Ordinal));
        var resumed = await Aq("datasets", "upload", id, path, "--first-seq", "1");

        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("", bad.Out);
        Assert.Contains("Line 5 is malformed", bad.Error, StringComparison.Ordinal);
        Assert.Contains("The 3 row(s) before it were stored", bad.Error, StringComparison.Ordinal);
        Assert.Contains($"aq datasets upload {id} {path} --first-seq 1", bad.Error, StringComparison.Ordinal);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("Accepted 2 row(s); lastSeq 5.", resumed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_dataset_makes_show_wait_exit_1_with_the_row_and_resume_with_skip_completes_it()
    {
        var id = await CreateGamesAsync();
        await Aq("datasets", "upload", id, WriteFile("games.csv", "player,points,rebounds\nann,1,2\nbob,lots,4\nann,5,6\n"), "--seal");

        var failed = await Aq("datasets", "show", id, "--wait", "30");
        var resume = await Aq("datasets", "resume", id, "--on-error", "skip");
        var done = await Aq("datasets", "show", id, "--wait", "30");

        Assert.Equal(1, failed.ExitCode);
        Assert.Matches(@"status\s+failed \(sealed\)", failed.Out);
        Assert.Contains($"aq: dataset {id} failed at row 2: column 'points' is 'lots', not a number.", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("(on error: skip)", resume.Out, StringComparison.Ordinal);
        Assert.Equal(0, done.ExitCode);
        Assert.Matches(@"status\s+completed", done.Out);
        Assert.Matches(@"\b2\s+\S\s+column 'points' is 'lots', not a number", done.Out);
        Assert.Equal([1L, 3L], Lines((await Aq("datasets", "results", id)).Out).Select(r => r.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Upload_seal_wait_exits_0_once_the_dataset_completed()
    {
        var id = await CreateGamesAsync();

        var run = await Aq("datasets", "upload", id, WriteFile("games.csv", GameResults.Generate(1000).ToCsv()), "--seal", "--wait");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"{id} completed: 1000 of 1000 row(s) processed.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_seal_wait_exits_1_with_the_failure_when_the_dataset_fails()
    {
        var id = await CreateGamesAsync();

        var run = await Aq("datasets", "upload", id, WriteFile("games.csv", "player,points,rebounds\nann,1,2\nbob,lots,4\n"), "--seal", "--wait", "30");
        var json = await Aq("datasets", "upload", await CreateGamesAsync(), WriteFile("bad.csv", "player,points,rebounds\nbob,lots,4\n"), "--seal", "--wait", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{id} failed: 1 of 2 row(s) processed.", run.Out, StringComparison.Ordinal);
        Assert.Contains($"aq: dataset {id} failed at row 2: column 'points' is 'lots', not a number.", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        Assert.Equal("failed", Lines(json.Out)[^1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Upload_wait_without_seal_is_a_usage_error_and_sends_nothing()
    {
        var id = await CreateGamesAsync();

        var run = await Aq("datasets", "upload", id, WriteFile("games.csv", "player,points,rebounds\nann,1,2\n"), "--wait", "5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--wait needs --seal", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse((await Aq("datasets", "show", id, "--json")).Out).RootElement.GetProperty("rowsReceived").GetInt64());
    }

    [Fact]
    public async Task Datasets_get_is_show_as_jobs_show_is_get()
    {
        var id = await CreateGamesAsync();
        var job = await _seed.Http.SubmitAsync("""{"kind":"echo"}""");

        var get = await Aq("datasets", "get", id, "--json");
        var show = await Aq("datasets", "show", id, "--json");
        var jobShow = await Aq("jobs", "show", job.Id, "--wait", "10", "--json");
        var help = await Aq("datasets", "--help");

        Assert.Equal(0, get.ExitCode);
        Assert.Equal(JsonDocument.Parse(show.Out).RootElement.GetProperty("id").GetString(), JsonDocument.Parse(get.Out).RootElement.GetProperty("id").GetString());
        Assert.Equal(0, jobShow.ExitCode);
        Assert.Equal("completed", JsonDocument.Parse(jobShow.Out).RootElement.GetProperty("state").GetString());
        Assert.Matches(@"get, show <ID>\s+Show a dataset", help.Out);
    }

    [Fact]
    public async Task Unknown_datasets_exit_1_with_the_seeds_sentence()
    {
        var csv = WriteFile("games.csv", "player,points,rebounds\nann,1,2\n");

        var runs = new[]
        {
            await Aq("datasets", "show", "nope"),
            await Aq("datasets", "upload", "nope", csv),
            await Aq("datasets", "seal", "nope"),
            await Aq("datasets", "results", "nope"),
        };

        Assert.All(runs, run =>
        {
            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.ErrorLines);
            Assert.StartsWith("aq: Dataset not found (404): ", line, StringComparison.Ordinal);
            Assert.Contains("nope", line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Usage_errors_exit_2_and_create_nothing()
    {
        var badOptions = await Aq("datasets", "create", "games", "--processor", "running-stats", "--options", "{keyColumn: player}");
        var missingFile = await Aq("datasets", "upload", "some-id", _files.File("missing.csv"));
        var unknownProcessor = await Aq("datasets", "create", "games", "--processor", "median");
        var list = await Aq("datasets", "list", "--json");

        Assert.Equal(2, badOptions.ExitCode);
        Assert.Contains("--options is not valid JSON", badOptions.Error, StringComparison.Ordinal);
        Assert.Equal(2, missingFile.ExitCode);
        Assert.Contains($"The file {_files.File("missing.csv")} does not exist.", missingFile.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknownProcessor.ExitCode);
        Assert.Contains("processor 'median' is not registered; this seed knows delta, running-stats", unknownProcessor.Error, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(list.Out).RootElement.GetProperty("datasets").EnumerateArray());
    }

    [Fact]
    public async Task The_sharding_palette_and_show_name_the_node_that_hosts_the_dataset_entity()
    {
        var games = GameResults.Generate(300);
        var id = await CreateGamesAsync();
        await Aq("datasets", "upload", id, WriteFile("games.csv", games.ToCsv()));
        await Eventually.HoldsAsync(async () => (await _seed.Http.GetDatasetAsync(id)).RowsProcessed == 300, "the rows to be processed");

        var show = await Aq("datasets", "show", id);
        var stats = await Aq("cluster", "sharding", "region-stats");
        var regions = await Aq("cluster", "sharding", "regions");
        var json = await Aq("cluster", "sharding", "region-stats", "--json");

        // The embedded seed hosts it: its one region has the dataset's shard and its entity.
        Assert.Matches(@"owner\s+\S+ \(127\.0\.0\.1:\d+-[0-9a-f]{8}\)", show.Out);
        var lines = stats.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dataset:", lines[0]);
        Assert.Matches(@"^akka\.tcp://actorqueue@127\.0\.0\.1:\d+ \| \[(seed, worker|worker, seed)\] \| up \| \| \S+ \| shards: 1 \| entities: 1$", lines[1]);
        Assert.Equal("Count: 1 nodes", lines[2]);
        Assert.StartsWith("dataset | [worker] | nodes: 1 | shards: 1 of 100 | entities: 1", regions.Out, StringComparison.Ordinal);
        var node = JsonDocument.Parse(json.Out).RootElement.GetProperty("regions")[0].GetProperty("nodes")[0];
        Assert.Equal((1, 1), (node.GetProperty("shards").GetInt32(), node.GetProperty("entities").GetInt32()));
    }
}
