using ActorQueue.Protocol;

namespace ActorQueue.Jobs;

/// <summary>
/// Chooses the queue of a kind whose jobs are queued by their content rather than by the kind's default
/// queue (<c>inference.classify</c>: the queue of the model the job names). Submission asks it for every job
/// of <see cref="Kind"/>; a job it cannot place is refused with its sentence, never left waiting.
/// </summary>
internal interface IJobRouter
{
    string Kind { get; }

    /// <summary>The queue for <paramref name="request"/>, or the one sentence that refuses it.</summary>
    (string? Queue, string? Error) Route(SubmitJobRequest request);
}
