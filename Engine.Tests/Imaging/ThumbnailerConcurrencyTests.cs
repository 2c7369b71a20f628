using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;

namespace ActorQueue.Tests.Imaging;

/// <summary>
/// Many pipelines built, run and dropped at once on several threads. With Debian's libvips 8.14 this
/// crashed the process (liborc freed generated code unsafely across threads) until a lock was put around
/// pipeline building; the bundled 8.18 vectorises with Highway and needs none.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ThumbnailerConcurrencyTests
{
    private const int Threads = 4;
    private const int RendersPerThread = 16;

    [Fact]
    public void Photos_of_8_5_megapixels_render_on_four_threads_at_once_exactly_as_on_one()
    {
        var input = TestImages.Detailed(3361, 2521);
        var options = new ImageOptions();
        ThumbnailSpec[] specs =
        [
            ThumbnailSpec.Parse("1024,512,128", "jpeg", null, null, options),
            ThumbnailSpec.Parse("800,300", "webp", "centre", null, options),
            ThumbnailSpec.Parse("640,64", "png", "attention", null, options),
        ];
        var thumbnailer = ThumbnailerTests.Thumbnailer(options);
        var expected = specs.Select(spec => Outputs(thumbnailer.Render(input, spec, CancellationToken.None))).ToArray();

        var rendered = new List<(int Spec, byte[][] Outputs)>[Threads];
        var failures = new Exception?[Threads];
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            rendered[t] = [];
            try
            {
                for (var i = 0; i < RendersPerThread; i++)
                {
                    var spec = (t + i) % specs.Length;
                    rendered[t].Add((spec, Outputs(thumbnailer.Render(input, specs[spec], CancellationToken.None))));
                }
            }
            catch (Exception exception)
            {
                failures[t] = exception;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.All(failures, failure => Assert.Null(failure));
        Assert.All(rendered.SelectMany(renders => renders), render => Assert.Equal(expected[render.Spec], render.Outputs));
        Assert.Equal(Threads * RendersPerThread, rendered.Sum(renders => renders.Count));
    }

    private static byte[][] Outputs(ThumbnailSet set) => [.. set.Outputs.Select(output => output.Bytes)];
}
