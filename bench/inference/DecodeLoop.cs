using System.Diagnostics;
using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Inference;
using ActorQueue.Inference.Classification;
using ActorQueue.Inference.Model;
using ActorQueue.Inference.Preprocessing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Bench.Inference;

/// <summary>
/// The limit the engine is held to: decode + preprocess + run with the engine's own pieces (libvips
/// preprocessing, the ONNX Runtime session of OnnxModel) and nothing else — no HTTP, store, jobs, actors or batcher.
/// <c>workers</c> threads each own a session (with cores / workers intra-op threads) and loop: take the
/// next <c>batch</c> photos in rotation, preprocess them one by one, run them as one batch.
/// </summary>
internal static class DecodeLoop
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    public sealed record Result(int Workers, int Batch, int Images, double Seconds, double CpuMsPerImage)
    {
        public double ImagesPerSecond => Images / Seconds;
    }

    public static Result Measure(string assets, Photo[] photos, int workers, int batch, TimeSpan duration)
    {
        var threads = Math.Max(1, Environment.ProcessorCount / workers);
        var settings = InferenceSettings.From(Photo.SqueezeNet(assets, threads, maxBatch: batch))!;
        var models = Enumerable.Range(0, workers).Select(_ => OnnxModel.Load(settings)).ToArray();
        try
        {
            var imageOptions = new ImageOptions();
            var preprocessor = new ImagePreprocessor(new ImageInspector(imageOptions), new ImagingRuntime(imageOptions, NullLogger<ImagingRuntime>.Instance));
            var spec = PreprocessSpec.From(settings, models[0].Signature);
            Check(models[0], preprocessor, spec, photos, LabelSet.Load(settings.LabelsPath!), settings.Softmax);

            var next = -1;
            var images = 0;
            void Loop(OnnxModel model, Stopwatch clock, TimeSpan until)
            {
                while (clock.Elapsed < until)
                {
                    for (var i = 0; i < batch; i++)
                    {
                        var photo = photos[(Interlocked.Increment(ref next) & int.MaxValue) % photos.Length];
                        preprocessor.ToTensor(photo.Bytes, spec, CancellationToken.None).CopyTo(model.InputFor(batch).Slice(i * spec.ItemLength, spec.ItemLength));
                    }
                    model.Run(batch, CancellationToken.None);
                    Interlocked.Add(ref images, batch);
                }
            }
            void RunAll(Stopwatch clock, TimeSpan until)
            {
                var loops = models.Select(model => new Thread(() => Loop(model, clock, until))).ToList();
                loops.ForEach(loop => loop.Start());
                loops.ForEach(loop => loop.Join());
            }

            RunAll(Stopwatch.StartNew(), Warmup); // as the engine load warms its seed
            images = 0;
            using var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            RunAll(clock, duration);
            var elapsed = clock.Elapsed.TotalSeconds;
            self.Refresh();
            return new Result(workers, batch, images, elapsed, (self.TotalProcessorTime - cpu).TotalMilliseconds / images);
        }
        finally
        {
            foreach (var model in models)
            {
                model.Dispose();
            }
        }
    }

    /// <summary>Each photo gets its class (and the session is warm before anything is timed).</summary>
    private static void Check(OnnxModel model, ImagePreprocessor preprocessor, PreprocessSpec spec, Photo[] photos, LabelSet labels, SoftmaxMode softmax)
    {
        foreach (var photo in photos)
        {
            var scores = model.Run(preprocessor.ToTensor(photo.Bytes, spec, CancellationToken.None), 1, CancellationToken.None);
            var best = TopK.Select(scores, 1, labels, softmax)[0];
            if (best.Label != photo.Expected)
            {
                throw new InvalidOperationException($"{photo.Name} was classified as {best.Label} ({best.Score:0.000}), not {photo.Expected}.");
            }
        }
    }
}
