using ActorQueue.Hosting;
using ActorQueue.Inference.Repository;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Inference;

/// <summary>
/// Gives each model this node serves its queue, <c>inference.NAME</c>, with a pool that can fill batches:
/// each job actor holds one image at a time, so a batch of <c>MaxBatch</c> forms only when that many actors
/// wait on the model. Without an <c>inference</c> entry in <c>Node:Queues</c> (<c>--queues</c>) a model's queue
/// gets MaxBatch × (Actors + 1) job actors: a full batch for every inference actor that is running one, and a
/// full batch more being decoded meanwhile. <c>--queues inference=N</c> sizes every model's queue; a size
/// below the model's MaxBatch is raised to it, with a warning. The plain <c>inference</c> queue itself is not
/// run: classify jobs are queued per model.
/// </summary>
internal sealed class InferenceQueueSizing(ModelCatalog catalog, ILogger<InferenceQueueSizing> logger)
    : IPostConfigureOptions<WorkerNodeOptions>
{
    public void PostConfigure(string? name, WorkerNodeOptions options)
    {
        var models = catalog.Entries.Where(entry => entry.Settings is not null).Select(entry => entry.Settings!).ToList();
        if (options.Queues.Count == 0)
        {
            if (models.Count == 0)
            {
                return;
            }
            foreach (var (queue, size) in WorkerNodeOptions.DefaultQueues)
            {
                options.Queues[queue] = size;
            }
        }
        var given = options.Queues.Remove(ClassifyJobHandler.Queue, out var all) ? all : (int?)null;
        foreach (var model in models)
        {
            var queue = ModelQueues.QueueOf(model.Name);
            var maxBatch = Math.Clamp(model.MaxBatch, 1, 1024);
            var wanted = options.Queues.TryGetValue(queue, out var own) ? own : given;
            if (wanted is not { } asked)
            {
                options.Queues[queue] = Math.Min(1024, maxBatch * (Math.Clamp(model.Actors, 1, 64) + 1));
            }
            else if (asked < maxBatch)
            {
                options.Queues[queue] = maxBatch;
                InferenceLog.QueueRaised(logger, queue, asked, maxBatch, maxBatch);
            }
            else
            {
                options.Queues[queue] = asked;
            }
        }
    }
}
