using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

/// <summary>Job state names as the CLI accepts and prints them (the contract's lowercase wire names).</summary>
internal static class JobStates
{
    public static IReadOnlyList<string> Names { get; } =
        Enum.GetValues<JobStateName>().Select(Name).ToArray();

    public static string Name(JobStateName state) => state.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out JobStateName state)
    {
        state = default;
        return text is not null
            && Names.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out state);
    }

    /// <summary>Completed, discarded and cancelled jobs never change again.</summary>
    public static bool IsFinal(JobStateName state) =>
        state is JobStateName.Completed or JobStateName.Discarded or JobStateName.Cancelled;
}
