namespace ActorQueue.Jobs;

/// <summary>Defaults and limits of a job submission.</summary>
public static class JobDefaults
{
    public const string Queue = "default";
    public const int MaxAttempts = 5;
    public const int MaxAttemptsLimit = 1000;
    public const int PriorityMin = -1000;
    public const int PriorityMax = 1000;
    public const int MaxTimeoutSeconds = 7 * 24 * 3600;
    public const int MaxKindLength = 200;
    public const int MaxQueueLength = 64;
    public const int MaxUniqueKeyLength = 512;
}
