namespace ActorQueue.Jobs;

/// <summary>
/// Thrown by a handler when this node cannot run the job now through no fault of the job (the model it
/// needs failed to load here): the attempt is not counted and the job goes back to <c>available</c> for
/// another node. Pair it with an <see cref="IJobKindAvailability"/>, which stops this node from claiming
/// the kind again; otherwise the node would take the job straight back.
/// </summary>
public sealed class JobHandBackException : Exception
{
    public JobHandBackException(string message) : base(message) { }

    public JobHandBackException(string message, Exception innerException) : base(message, innerException) { }

    public JobHandBackException() : base("This node cannot run the job now.") { }
}
