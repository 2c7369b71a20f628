using System.Globalization;
using ActorQueue.Inference.Model;

namespace ActorQueue.Inference.Repository;

/// <summary>
/// The node-wide <c>Inference</c> keys every served model shares: the default batching (a manifest may set
/// its own), the actors per model and their sessions' threads, optimisation level and spinning.
/// </summary>
internal sealed record SharedSettings(int MaxBatch, TimeSpan MaxDelay, int Actors, OrtSessionSettings Session)
{
    /// <summary>The settings; each wrong value adds one sentence to <paramref name="problems"/>.</summary>
    public static SharedSettings Read(InferenceOptions options, List<string> problems)
    {
        var level = SettingRules.Choice(options.GraphOptimization, "Inference:GraphOptimization", problems,
            ("all", 99), ("extended", 2), ("basic", 1), ("disabled", 0));
        if (options.MaxBatch is < 1 or > 1024)
        {
            problems.Add($"Inference:MaxBatch is {options.MaxBatch}; it must be from 1 to 1024.");
        }
        if (!double.IsFinite(options.MaxDelayMs) || options.MaxDelayMs is < 0 or > 60_000)
        {
            problems.Add($"Inference:MaxDelayMs is {options.MaxDelayMs.ToString(CultureInfo.InvariantCulture)}; it must be from 0 to 60000 milliseconds.");
        }
        if (options.Actors is < 1 or > 64)
        {
            problems.Add($"Inference:Actors is {options.Actors}; it must be from 1 to 64.");
        }
        if (options.IntraOpThreads is < 0 or > 256)
        {
            problems.Add($"Inference:IntraOpThreads is {options.IntraOpThreads}; it must be from 0 (the cores shared among the actors) to 256.");
        }
        var threads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Math.Max(1, Environment.ProcessorCount / Math.Max(1, options.Actors));
        return new SharedSettings(options.MaxBatch, TimeSpan.FromMilliseconds(Math.Max(0, options.MaxDelayMs)), options.Actors,
            new OrtSessionSettings(threads, level, options.AllowSpinning));
    }
}
