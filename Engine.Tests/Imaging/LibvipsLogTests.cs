using ActorQueue.Imaging;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.Logging;
using NetVips;

namespace ActorQueue.Tests.Imaging;

/// <summary>Tests that own libvips' process-wide log sink: nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibvipsLogCollection
{
    public const string Name = "libvips log";
}

/// <summary>libvips' warnings reach the process's log instead of stderr.</summary>
[Trait("Category", "Integration")]
[Collection(LibvipsLogCollection.Name)]
public sealed class LibvipsLogTests
{
    [Fact]
    public void A_libvips_warning_is_logged_as_a_vips_message()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var runtime = new ImagingRuntime(new ImageOptions(), factory.CreateLogger<ImagingRuntime>());
        runtime.Ensure();
        var truncated = TestImages.Truncated(TestImages.Gradient(800, 600), 0.5);

        // Without fail_on the JPEG decoder only warns about the missing end, and libvips passes that on.
        using (var image = Image.JpegloadBuffer(truncated))
        using (image.CopyMemory())
        {
        }

        Assert.Contains(logs.Entries, entry => entry.EventId.Name == "VipsMessage" && entry.Message.Contains("premature end of JPEG", StringComparison.OrdinalIgnoreCase));
    }
}
