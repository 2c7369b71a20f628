using ActorQueue.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Inference;

/// <summary>
/// Gives a node with a model an <c>inference</c> queue whose pool can fill batches: each job actor holds one
/// image at a time, so a batch of <c>MaxBatch</c> forms only when that many actors wait on the model. Without
/// an <c>inference</c> entry in <c>Node:Queues</c> (<c>--queues</c>) the queue gets MaxBatch × (Actors + 1)
/// job actors: a full batch for every inference actor that is running one, and a full batch more being
/// decoded meanwhile. A smaller configured size is raised to MaxBatch, with a warning. A node without a
/// model gets no inference queue.
/// </summary>
internal sealed class InferenceQueueSizing(IOptions<InferenceOptions> inference, ILogger<InferenceQueueSizing> logger)
    : IPostConfigureOptions<WorkerNodeOptions>
{
    public void PostConfigure(string? name, WorkerNodeOptions options)
    {
        InferenceOptions settings;
        try
        {
            settings = inference.Value;
        }
        catch (InvalidOperationException)
        {
            return; // a configuration that does not bind: the inference pool reports it and serves nothing
        }
        if (string.IsNullOrWhiteSpace(settings.Model.Path))
        {
            return;
        }
        var maxBatch = Math.Clamp(settings.MaxBatch, 1, 1024);
        if (options.Queues.Count == 0)
        {
            foreach (var (queue, size) in WorkerNodeOptions.DefaultQueues)
            {
                options.Queues[queue] = size;
            }
        }
        if (!options.Queues.TryGetValue(ClassifyJobHandler.Queue, out var given))
        {
            options.Queues[ClassifyJobHandler.Queue] = Math.Min(1024, maxBatch * (Math.Clamp(settings.Actors, 1, 64) + 1));
        }
        else if (given < maxBatch)
        {
            options.Queues[ClassifyJobHandler.Queue] = maxBatch;
            InferenceLog.QueueRaised(logger, given, maxBatch, maxBatch);
        }
    }
}
