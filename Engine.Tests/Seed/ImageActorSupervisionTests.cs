using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Imaging;
using Microsoft.Extensions.DependencyInjection;
using NetVips;

namespace ActorQueue.Tests.Seed;

/// <summary>A native failure inside an image actor fails that attempt and restarts the actor; the node keeps serving.</summary>
[Trait("Category", "Integration")]
public sealed class ImageActorSupervisionTests
{
    [Fact]
    public async Task A_native_failure_fails_the_attempt_restarts_the_actor_and_the_retry_succeeds()
    {
        var faults = new NativeFaults(failures: 1);
        await using var seed = await SeedServer.StartAsync(
            [.. SeedServer.FastRetries, "--queues", "default=1,image=1"],
            services => services.AddSingleton(faults).AddScoped<IThumbnailer, FaultyThumbnailer>());

        var first = await seed.Http.SubmitImageAsync(TestImages.Gradient(400, 300), "sizes=100&wait=20");
        var second = await seed.Http.SubmitImageAsync(TestImages.Gradient(400, 300), "sizes=100&wait=20");

        Assert.Equal(JobStateName.Completed, first.State);
        Assert.Equal(2, first.Attempt);
        var error = Assert.Single(first.Errors);
        Assert.Contains("aq_injected_native_failure", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, first.Thumbnails().Outputs[0].Width);
        Assert.Equal(JobStateName.Completed, second.State);
        // One actor: the attempt after the crash ran in a fresh scope (the restarted actor), and so did the next job.
        var instances = faults.Instances;
        Assert.Equal(3, instances.Length);
        Assert.NotEqual(instances[0], instances[1]);
        Assert.Equal(instances[1], instances[2]);
    }

    /// <summary>Fails the first N renders with a real libvips error: an operation libvips does not have.</summary>
    internal sealed class NativeFaults(int failures)
    {
        private readonly List<int> _instances = [];
        private int _created;
        private int _remaining = failures;

        public int[] Instances
        {
            get
            {
                lock (_instances)
                {
                    return [.. _instances];
                }
            }
        }

        public int NewInstance() => Interlocked.Increment(ref _created);

        public bool Rendering(int instance)
        {
            lock (_instances)
            {
                _instances.Add(instance);
            }
            return Interlocked.Decrement(ref _remaining) >= 0;
        }
    }

    internal sealed class FaultyThumbnailer(NativeFaults faults, ImageInspector inspector, ImagingRuntime runtime) : IThumbnailer
    {
        private readonly int _instance = faults.NewInstance();

        public ThumbnailSet Render(byte[] input, ThumbnailSpec spec, CancellationToken cancellationToken)
        {
            if (faults.Rendering(_instance))
            {
                Operation.Call("aq_injected_native_failure");
            }
            return new VipsThumbnailer(inspector, runtime).Render(input, spec, cancellationToken);
        }
    }
}
