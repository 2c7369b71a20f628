using ActorQueue.Inference.Repository;
using Akka.Actor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Inference;

/// <summary>
/// The models this node serves: one <see cref="InferencePool"/> per model of the <see cref="ModelCatalog"/>,
/// each with its own actors, sessions and batcher, all started with the node. A model that was refused
/// (its manifest or keys) or cannot load reports its one sentence and serves nothing; the others serve on.
/// </summary>
internal sealed partial class InferenceModels : IHostedService, IAsyncDisposable
{
    private readonly ModelCatalog _catalog;
    private readonly IOptions<InferenceOptions> _options;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<InferencePool> _pools;

    public InferenceModels(ModelCatalog catalog, IOptions<InferenceOptions> options, ActorSystem system, InferenceInstruments metrics, TimeProvider time,
        ILoggerFactory loggers, SessionLoader loader)
    {
        _catalog = catalog;
        _options = options;
        _logger = loggers.CreateLogger<InferenceModels>();
        _pools = catalog.Entries.Select(entry => new InferencePool(entry, system, metrics, time, loggers, loader.Load)).ToList();
        foreach (var pool in _pools)
        {
            pool.Changed += OnPoolChanged;
        }
    }

    /// <summary>Every configured model's pool, refused ones included, in name order.</summary>
    public IReadOnlyList<InferencePool> Pools => _pools;

    /// <summary>The pool of model <paramref name="name"/>, or null when this node has no such model.</summary>
    public InferencePool? Find(string name) => _pools.FirstOrDefault(pool => pool.Name == name);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (ReadRuntimePath() is { Length: > 0 } runtimePath)
        {
            InferenceLog.RuntimePathIgnored(_logger, runtimePath);
        }
        if (_catalog.Problem is { } problem)
        {
            InferenceLog.PoolNotStarted(_logger, problem);
        }
        foreach (var pool in _pools)
        {
            await pool.StartAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_pools.Select(pool => pool.StopAsync())).WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools)
        {
            await pool.DisposeAsync();
        }
    }

    private string? ReadRuntimePath()
    {
        try
        {
            return _options.Value.RuntimePath;
        }
        catch (InvalidOperationException)
        {
            return null; // the catalog reports a section that does not bind
        }
    }
}
