using System.Net;
using System.Text;
using ActorQueue.Akka;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Logging;
using ActorQueue.Seed.Api;
using ActorQueue.Seed.Api.Docs;
using ActorQueue.Seed.Dashboard;
using ActorQueue.Seed.Gateway;
using ActorQueue.Seed.Tcp;
using ActorQueue.Storage;
using ActorQueue.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ActorQueue.Seed.Startup;

/// <summary>Builds and runs the seed: HTTP API, TCP listener, leader duties and (embedded) a worker node.</summary>
internal static class SeedApp
{
    /// <summary>Runs until SIGTERM/Ctrl-C. Exit codes: 0 clean stop, 1 cannot start, 2 bad flags.</summary>
    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        WebApplication app;
        IStore store;
        try
        {
            (app, store) = await BuildAsync(args, configureServices);
        }
        catch (HelpRequestedException)
        {
            Console.Out.WriteLine(SeedFlags.Usage);
            return 0;
        }
        catch (Exception exception) when (exception is SettingsException or AkkaSettingsException or TelemetrySettingsException)
        {
            Console.Error.WriteLine($"Engine.Seed: {exception.Message}");
            return 2;
        }
        catch (PortInUseException exception)
        {
            Console.Error.WriteLine($"Engine.Seed: {exception.Message}");
            return 1;
        }
        catch (StoreUnavailableException exception)
        {
            Console.Error.WriteLine($"Engine.Seed: {exception.Message}");
            return 1;
        }

        var exit = app.Services.GetRequiredService<NodeExit>();
        await using (store)
        {
            try
            {
                await app.StartAsync();
                await app.WaitForShutdownAsync();
            }
            catch (Exception exception) when (exception is SettingsException or IOException or InvalidOperationException)
            {
                Console.Error.WriteLine($"Engine.Seed: {Unwrap(exception).Message}");
                return 1;
            }
            finally
            {
                await app.DisposeAsync();
            }
        }
        // Non-zero when the cluster removed this member (see NodeExit).
        return exit.ExitCode;
    }

    internal static async Task<(WebApplication App, IStore Store)> BuildAsync(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Lowest precedence: the engine's own events at Information, the framework's per-request chatter off.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            },
        });
        builder.Configuration.AddEnvironmentVariables("AQ_");
        builder.Configuration.AddInMemoryCollection(SeedFlags.Parse(args));
        var settings = SeedSettings.From(builder.Configuration);
        if (settings.Queues is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings.Queues.Select(q =>
                new KeyValuePair<string, string?>($"{WorkerNodeOptions.Section}:Queues:{q.Key}", q.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        builder.Logging.AddActorQueueConsole(settings.LogFormat, settings.Name, "seed");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes;
            kestrel.AddServerHeader = false;
            var host = settings.Http.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(settings.Http.Host);
            kestrel.Listen(host, settings.Http.Port);
        });

        var jobOptions = new JobOptions();
        builder.Configuration.GetSection(JobOptions.Section).Bind(jobOptions);
        var akka = AkkaSettingsFrom(builder.Configuration, settings);
        AkkaPort.EnsureFree(akka);
        // Checked before the store is opened (a bad endpoint is a bad flag, exit 2).
        OtlpSettings.From(builder.Configuration);
        var store = StoreFactory.Open(settings.Store, jobOptions, TimeProvider.System);
        var node = new NodeIdentity(settings.Name, NodeRole.Seed, TimeProvider.System.GetUtcNow());
        // A restarted seed joins the members the ledger last recorded (the workers that kept running), if any answers.
        var recorded = store.SingleProcess ? [] : await store.ReadClusterMembersAsync(CancellationToken.None);
        var join = JoinPlan.Seed(recorded.Select(m => global::Akka.Actor.Address.Parse(m.Address)));

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddActorQueueCore(builder.Configuration, store, node);
        services.AddActorQueueActorSystem(akka, join);
        services.AddSingleton<JobGateway>();
        services.AddSingleton<DatasetGateway>();
        services.AddSingleton<ImageIntake>();
        services.AddSingleton<TcpRequestHandler>();
        services.AddDashboard();
        services.AddSingleton<TcpJobListener>();
        services.AddApiDocs();
        services.AddHostedService(provider => provider.GetRequiredService<TcpJobListener>());
        services.AddHostedService<SeedAddressesLog>();
        if (settings.Workers)
        {
            services.AddWorkerNode();
        }
        // The seed's own telemetry on top of the engine's (AddActorQueueCore): HTTP server spans, which ASP.NET Core
        // parents to an incoming traceparent header, and the Prometheus exporter behind /metrics.
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => !OpsRoutes.IsProbe(context.Request.Path)))
            .WithMetrics(metrics => metrics.AddPrometheusExporter(options =>
            {
                // Each scrape collects afresh (the ledger's counts are cached by JobGauges), and series keep the
                // names and labels they had before the exporter was OpenTelemetry's: no otel_scope_* labels.
                options.ScrapeResponseCacheDurationMilliseconds = 0;
                options.ScopeInfoEnabled = false;
            }));
        var shutdown = builder.Configuration.GetValue($"{WorkerNodeOptions.Section}:ShutdownTimeoutSeconds", 30.0);
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(shutdown + 15));
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        if (settings.ApiToken is not null)
        {
            app.UseMiddleware<BearerTokenMiddleware>(Encoding.UTF8.GetBytes(settings.ApiToken));
        }
        app.MapJobRoutes();
        app.MapClusterRoutes();
        app.MapDatasetRoutes();
        app.MapImageRoutes();
        app.MapClassifyRoutes();
        app.MapModelRoutes();
        app.MapBlobRoutes();
        app.MapOpsRoutes();
        app.MapDashboard();
        app.MapApiDocs();
        return (app, store);
    }

    /// <summary>
    /// The seed's actor system: roles <c>seed</c> (and <c>worker</c> with <c>--workers</c>); remoting on port
    /// 4053 in cluster mode, and on any free port with the embedded SQLite store, which no other process can join.
    /// </summary>
    private static AkkaNodeSettings AkkaSettingsFrom(IConfiguration configuration, SeedSettings settings)
    {
        var options = configuration.GetSection(AkkaOptions.Section).Get<AkkaOptions>() ?? new AkkaOptions();
        var timings = configuration.GetSection(ClusterTimingOptions.Section).Get<ClusterTimingOptions>() ?? new ClusterTimingOptions();
        string[] roles = settings.Workers ? [AkkaNodeSettings.SeedRole, AkkaNodeSettings.WorkerRole] : [AkkaNodeSettings.SeedRole];
        var defaultPort = StoreFactory.IsSqlite(settings.Store) ? 0 : AkkaNodeSettings.DefaultSeedPort;
        var drain = TimeSpan.FromSeconds(configuration.GetValue($"{WorkerNodeOptions.Section}:ShutdownTimeoutSeconds", 30.0));
        return AkkaNodeSettings.From(options, timings, roles, defaultPort, drain);
    }

    private static Exception Unwrap(Exception exception) =>
        exception is InvalidOperationException { InnerException: { } inner } ? inner : exception;
}
