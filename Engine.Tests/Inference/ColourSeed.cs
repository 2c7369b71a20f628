using ActorQueue.Inference;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference.OnnxModels;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// A real seed (embedded worker node, HTTP on a free port) started with <c>--model</c> and <c>--labels</c>
/// pointing at the hand-written colour classifier (8×8 input, dynamic batch; classes red, green, blue,
/// black), ready once the model is loaded. Its preprocessing is declared with the <c>Inference:Model:*</c>
/// keys (nothing is defaulted): the pixels reach the model as value / 255 (Mean 0, Std 1), so a pure colour
/// gets its own class.
/// </summary>
public sealed class ColourSeed : IAsyncDisposable
{
    public static readonly string[] PlainScaling = ModelFiles.DeclaredFlags();

    private readonly ModelFiles _files;

    private ColourSeed(ModelFiles files, SeedServer seed)
    {
        _files = files;
        Seed = seed;
    }

    public SeedServer Seed { get; }

    public HttpClient Http => Seed.Http;

    /// <param name="model">The model file's bytes (the colour classifier by default).</param>
    /// <param name="labels">The labels file's text (one colour per line by default); null for none.</param>
    /// <param name="args">More flags; later ones override the plain scaling.</param>
    public static async Task<ColourSeed> StartAsync(byte[]? model = null, string? labels = "red\ngreen\nblue\nblack\n", params string[] args)
    {
        var files = new ModelFiles();
        var flags = new List<string> { "--model", files.Write("colour.onnx", model ?? TestModels.ColourClassifier(size: 8L)), "--Inference:Actors=1", "--Inference:IntraOpThreads=1" };
        if (labels is not null)
        {
            flags.AddRange(["--labels", files.WriteText("colours.txt", labels)]);
        }
        flags.AddRange(PlainScaling);
        flags.AddRange(args);
        var seed = await SeedServer.StartAsync([.. flags]);
        // A budget, not a delay: the slow test model (thousands of MatMuls) takes seconds to optimise at load on a busy machine.
        await PoolOf(seed.Services).WhenReadyAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new ColourSeed(files, seed);
    }

    /// <summary>The one model's pool of a process started with one model.</summary>
    internal static InferencePool PoolOf(IServiceProvider services) => services.GetRequiredService<InferenceModels>().Pools.Single();

    public async ValueTask DisposeAsync()
    {
        await Seed.DisposeAsync();
        _files.Dispose();
    }
}
