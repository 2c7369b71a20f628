using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace ActorQueue.Tests.Docker;

/// <summary>
/// The Docker packaging, checked without a Docker engine: Debian's docker-compose 1.29 validates
/// docker/compose.yaml offline and prints it resolved, and the Dockerfile is read as text.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ComposeFileTests
{
    private const string ComposeFile = "docker/compose.yaml";

    [Fact]
    public async Task The_compose_file_passes_docker_compose_validation()
    {
        var result = await DockerComposeAsync("-f", ComposeFile, "config", "-q");

        Assert.True(result.ExitCode == 0, $"docker-compose -f {ComposeFile} config -q exited with {result.ExitCode}:\n{result.Stderr}{result.Stdout}");
    }

    [Fact]
    public async Task Nodes_publish_no_ports_the_seed_has_a_health_check_and_both_build_the_Dockerfile()
    {
        var result = await DockerComposeAsync("-f", ComposeFile, "config");
        Assert.True(result.ExitCode == 0, $"docker-compose -f {ComposeFile} config exited with {result.ExitCode}:\n{result.Stderr}{result.Stdout}");

        var services = Services(result.Stdout);
        Assert.Contains("postgres", services.Keys);
        Assert.Contains("seed", services.Keys);
        Assert.Contains("worker", services.Keys);

        Assert.False(ServiceKey("ports").IsMatch(services["worker"]), $"The worker service publishes ports, so a second replica (--scale worker=N) would collide with the first:\n{services["worker"]}");
        Assert.True(ServiceKey("stop_grace_period").IsMatch(services["worker"]), "The worker service has no stop_grace_period, so SIGKILL would cut draining jobs short after 10 s.");
        // Akka remoting: every member listens on all interfaces and advertises an address the others can dial.
        Assert.Matches(@"(?m)^\s+AQ_Akka__Host: 0\.0\.0\.0$", services["seed"]);
        Assert.Matches(@"(?m)^\s+AQ_Akka__PublicHost: seed$", services["seed"]);
        Assert.Matches(@"(?m)^\s+AQ_Akka__Host: 0\.0\.0\.0$", services["worker"]);
        Assert.Matches(@"(?m)^\s+- http://seed:8080$", services["worker"]);
        Assert.True(ServiceKey("healthcheck").IsMatch(services["seed"]) && services["seed"].Contains("/healthz", StringComparison.Ordinal), $"The seed service has no health check on /healthz:\n{services["seed"]}");

        foreach (var name in new[] { "seed", "worker" })
        {
            Assert.True(ServiceKey("build").IsMatch(services[name]), $"The {name} service does not build the image from docker/Dockerfile.");
        }
        foreach (var (name, block) in services.Where(service => ServiceKey("build").IsMatch(service.Value)))
        {
            Assert.Matches(@"(?m)^\s+dockerfile: docker/Dockerfile$", block);
            var context = Regex.Match(block, @"(?m)^\s+context: (.+)$").Groups[1].Value.Trim();
            Assert.True(File.Exists(Path.Combine(context, "ActorQueue.sln")), $"service {name} builds from context '{context}', not the repository root.");
        }
    }

    [Fact]
    public async Task The_inference_override_mounts_a_model_repository_read_only_into_the_nodes_and_serves_it()
    {
        var result = await DockerComposeAsync("-f", ComposeFile, "-f", "docker/compose.inference.yaml", "config");
        Assert.True(result.ExitCode == 0, $"docker-compose config with docker/compose.inference.yaml exited with {result.ExitCode}:\n{result.Stderr}{result.Stdout}");

        var node = Services(result.Stdout)["worker"];

        Assert.Matches(@"(?m)^\s+- \S+/docker/models:/models:ro$", node);
        Assert.Matches(@"(?m)^\s+AQ_Inference__Models: /models$", node);
        Assert.DoesNotContain("AQ_Inference__Model__", node, StringComparison.Ordinal); // each model declares its preprocessing in its model.json
    }

    [Fact]
    public void The_Dockerfile_builds_in_a_stage_for_linux_x64_installs_no_native_package_and_runs_as_a_user()
    {
        // One instruction per line: continuation lines joined, comments dropped.
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker", "Dockerfile"));
        var instructions = Regex.Replace(text, @"\\\r?\n", " ").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        Assert.Contains(instructions, line => Regex.IsMatch(line, @"^FROM\s+\S*dotnet/sdk:\S+\s+AS\s+build$", RegexOptions.IgnoreCase));
        // libvips (NetVips.Native.linux-x64) and ONNX Runtime come inside the published programs, never from the
        // distribution or npm: no libvips package, no npm stage, no library copied in.
        Assert.DoesNotContain(instructions, line => line.StartsWith("RUN ", StringComparison.Ordinal) && line.Contains("libvips", StringComparison.Ordinal));
        Assert.Contains(instructions, line => line.StartsWith("RUN dotnet publish", StringComparison.Ordinal) && line.Contains("-r linux-x64 --self-contained false", StringComparison.Ordinal));
        Assert.DoesNotContain(instructions, line => line.Contains("npm", StringComparison.Ordinal) || line.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase));

        var finalStage = instructions.Skip(instructions.FindLastIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        var user = finalStage.LastOrDefault(line => line.StartsWith("USER ", StringComparison.Ordinal))?["USER ".Length..].Trim();
        Assert.False(user is null, "The runtime stage of docker/Dockerfile has no USER instruction, so it runs as root.");
        Assert.DoesNotMatch(@"^(root|0)(:.*)?$", user);
    }

    /// <summary>Each service of the resolved file by name, with its indented lines.</summary>
    private static Dictionary<string, string> Services(string config)
    {
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var inServices = false;
        foreach (var line in config.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                inServices = line.TrimEnd() == "services:";
                current = null;
            }
            else if (inServices && ServiceName().Match(line) is { Success: true } match)
            {
                current = match.Groups[1].Value;
                services[current] = "";
            }
            else if (current is not null)
            {
                services[current] += line + "\n";
            }
        }
        return services;
    }

    /// <summary>A key directly under a service (four spaces in docker-compose's output).</summary>
    private static Regex ServiceKey(string key) => new($@"(?m)^    {Regex.Escape(key)}:");

    [GeneratedRegex(@"^  ([A-Za-z0-9_.-]+):\s*$")]
    private static partial Regex ServiceName();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorQueue.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ActorQueue.sln.");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_worker_container_advertises_its_own_address_to_the_cluster_and_a_given_one_wins()
    {
        // The entry point run as in the image, with a stand-in for dotnet that prints what the node would get.
        using var bin = new Fixtures.TempDirectory();
        var fake = bin.File("dotnet");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho \"advertise=$AQ_Akka__PublicHost args=$*\"\n");
        await RunAsync("chmod", ["0755", fake], []);

        var own = await RunAsync("sh", ["docker/entrypoint.sh", "node", "--seed", "http://seed:8080"], new() { ["PATH"] = $"{bin.Path}:/usr/bin:/bin" });
        var given = await RunAsync("sh", ["docker/entrypoint.sh", "node"], new() { ["PATH"] = $"{bin.Path}:/usr/bin:/bin", ["AQ_Akka__PublicHost"] = "worker-7" });

        var ip = (await RunAsync("hostname", ["-i"], [])).Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        Assert.Equal($"advertise={ip} args=/app/node/Engine.Node.dll --seed http://seed:8080", own.Stdout.Trim());
        Assert.Equal("advertise=worker-7 args=/app/node/Engine.Node.dll", given.Stdout.Trim());
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> DockerComposeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            Assert.Fail("docker-compose is not installed: run ./scripts/test.sh, which installs it (Debian's docker-compose, without recommends).");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
