using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorQueue.Tests.Fixtures;

/// <summary>The seed as a child process (the built Engine.Seed.dll), for crash tests that kill it with SIGKILL.</summary>
public sealed class SeedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SeedProcess(Process process, Uri baseAddress, int tcpPort)
    {
        _process = process;
        BaseAddress = baseAddress;
        TcpPort = tcpPort;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    /// <summary>The port of the TCP protocol on 127.0.0.1.</summary>
    public int TcpPort { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    /// <summary>What the seed wrote to standard output so far, line by line (its log).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public static string SeedDll => LocateBuilt("Engine.Seed.dll");

    internal static string LocateBuilt(string fileName)
    {
        var here = Path.Combine(AppContext.BaseDirectory, fileName);
        return File.Exists(here) ? here : throw new FileNotFoundException($"{fileName} is not next to the tests; build the solution first.", here);
    }

    public static Task<SeedProcess> StartAsync(string databasePath, params string[] extraArgs) =>
        StartOnStoreAsync("sqlite:" + databasePath, extraArgs);

    /// <summary>A seed on any store (<c>sqlite:PATH</c> or a PostgreSQL URL).</summary>
    public static Task<SeedProcess> StartOnStoreAsync(string store, params string[] extraArgs) =>
        StartProgramAsync(SeedDll, store, extraArgs);

    /// <summary>A seed from another copy of the program (<paramref name="seedDll"/>) on <paramref name="store"/>.</summary>
    public static async Task<SeedProcess> StartProgramAsync(string seedDll, string store, params string[] extraArgs)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A seed on PostgreSQL listens on the fixed Akka port 4053 unless told otherwise: tests run side by side.
        var akkaPort = extraArgs.Contains("--akka-port") ? [] : new[] { "--akka-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var tcpPort = FreePort();
        foreach (var arg in new[] { seedDll, "--store", store, "--http", $"127.0.0.1:{port}", "--tcp", $"127.0.0.1:{tcpPort}" }.Concat(akkaPort).Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var seed = new SeedProcess(process, new Uri($"http://127.0.0.1:{port}"), tcpPort);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                seed._output.Enqueue(line.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await seed.WaitHealthyAsync();
        return seed;
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the seed exited with code {_process.ExitCode} during start-up");
            }
            try
            {
                using var response = await Http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the process is still starting.
            }
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(100)).Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        throw new TimeoutException("the seed did not become healthy within 30 s");
    }

    /// <summary>The exit code once the process ends by itself within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no draining — a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Ctrl-C, docker stop or systemd would send; then the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }
        var code = await WaitForExitAsync(timeout);
        // The exit event can come before the last lines of output have been read.
        _process.WaitForExit();
        return code;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
