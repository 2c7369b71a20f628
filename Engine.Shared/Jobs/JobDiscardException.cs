namespace ActorQueue.Jobs;

/// <summary>
/// Thrown by a handler for input that can never succeed (a corrupt image, a malformed payload): the
/// job is discarded at once with this message instead of being retried.
/// </summary>
public sealed class JobDiscardException : Exception
{
    public JobDiscardException(string message) : base(message) { }

    public JobDiscardException(string message, Exception innerException) : base(message, innerException) { }

    public JobDiscardException() : base("The job can never succeed.") { }
}
