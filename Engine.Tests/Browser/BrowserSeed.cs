using ActorQueue.Inference;
using ActorQueue.Jobs;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Browser;

/// <summary>An embedded seed named <c>dash-seed</c> (SQLite, its own worker, the <see cref="DiesOnce"/> kind) for one class of browser tests.</summary>
public class BrowserSeed : IAsyncLifetime
{
    public const string Name = "dash-seed";

    public SeedServer Seed { get; private set; } = null!;

    public HttpClient Http => Seed.Http;

    protected virtual string[] Arguments => [];

    public virtual async Task InitializeAsync() =>
        Seed = await SeedServer.StartAsync(["--name", Name, .. SeedServer.FastRetries, .. Arguments], services => services.AddJobHandler<DiesOnce>());

    public virtual async Task DisposeAsync() => await Seed.DisposeAsync();
}

/// <summary>A <see cref="BrowserSeed"/> that also serves the demo model (<c>colours</c>), for classification pages.</summary>
public sealed class ModelBrowserSeed : BrowserSeed
{
    private readonly TestRepository _repository = new TestRepository().WithDemo();

    protected override string[] Arguments => ["--models", _repository.Path, "--Inference:Actors=1", "--Inference:IntraOpThreads=1"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Seed.Services.GetRequiredService<InferenceModels>().Find("colours")!.WhenReadyAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _repository.Dispose();
    }
}
