using ActorQueue.Imaging;
using ActorQueue.Inference;
using ActorQueue.Jobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Tests.Imaging;

/// <summary>A node on a machine without libvips: it keeps running other jobs and leaves image and classify jobs to nodes that can run them.</summary>
[Trait("Category", "Unit")]
public sealed class LibvipsAvailabilityTests
{
    private const string NoLibvips = "libvips could not be loaded (Unable to load shared library 'libvips.so.42'); it comes with the NetVips.Native.linux-x64 package, so this platform or install lacks it.";

    private static readonly JobHandlerRegistry Registry = new(
    [
        new JobHandlerRegistration(ImageThumbnailHandler.JobKind, ImageThumbnailHandler.Queue, typeof(ImageThumbnailHandler)),
        new JobHandlerRegistration(ClassifyJobHandler.JobKind, ClassifyJobHandler.Queue, typeof(ClassifyJobHandler)),
        new JobHandlerRegistration("echo", "default", typeof(object)),
    ]);

    private static (ImagingRuntime Runtime, LocalKinds Kinds) NodeWith(Action<int> startLibvips)
    {
        var runtime = new ImagingRuntime(new ImageOptions(), NullLogger<ImagingRuntime>.Instance, startLibvips);
        var kinds = new LocalKinds(Registry,
        [
            new ModelReady(), // the classify kind's own gate (its model) is satisfied: libvips alone decides
            new LibvipsAvailability(runtime, ImageThumbnailHandler.JobKind, ImageThumbnailHandler.Queue),
            new LibvipsAvailability(runtime, ClassifyJobHandler.JobKind, ClassifyJobHandler.Queue),
        ]);
        return (runtime, kinds);
    }

    [Fact]
    public async Task Without_libvips_the_node_withholds_image_and_classify_jobs_and_says_why()
    {
        var (runtime, kinds) = NodeWith(_ => throw new ImagingUnavailableException(NoLibvips));
        var changes = 0;
        kinds.Changed += () => changes++;

        await runtime.StartAsync(CancellationToken.None); // logs the sentence; the node starts anyway

        Assert.Equal(["echo"], kinds.Kinds.Keys);
        Assert.False(kinds.IsQueueOpen("image"));
        Assert.False(kinds.IsQueueOpen("inference"));
        Assert.True(kinds.IsQueueOpen("default"));
        Assert.Equal(NoLibvips, kinds.WhyNot(ImageThumbnailHandler.JobKind));
        Assert.Equal(NoLibvips, kinds.WhyNot(ClassifyJobHandler.JobKind));
        Assert.True(changes > 0, "membership was not told to advertise again");
    }

    [Fact]
    public async Task With_libvips_every_kind_is_advertised_and_every_queue_claims()
    {
        var (runtime, kinds) = NodeWith(_ => { });

        await runtime.StartAsync(CancellationToken.None);

        Assert.Equal(["echo", ImageThumbnailHandler.JobKind, ClassifyJobHandler.JobKind], kinds.Kinds.Keys.Order(StringComparer.Ordinal));
        Assert.True(kinds.IsQueueOpen("image"));
        Assert.True(kinds.IsQueueOpen("inference"));
    }

    [Fact]
    public void An_image_job_on_a_node_that_finds_libvips_missing_is_handed_back_not_failed()
    {
        var (runtime, kinds) = NodeWith(_ => throw new ImagingUnavailableException(NoLibvips));

        var error = Assert.Throws<ImagingUnavailableException>(runtime.Ensure);

        Assert.Equal(NoLibvips, error.Message);
        Assert.False(kinds.CanRun(ImageThumbnailHandler.JobKind)); // found out by a job, before any start-up check
    }

    private sealed class ModelReady : IJobKindAvailability
    {
        public string Kind => ClassifyJobHandler.JobKind;

        public string Queue => ClassifyJobHandler.Queue;

        public string? Unavailable => null;

        public event Action? Changed { add { } remove { } }
    }
}
