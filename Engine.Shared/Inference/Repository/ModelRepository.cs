using Microsoft.Extensions.Configuration;

namespace ActorQueue.Inference.Repository;

/// <summary>
/// A model repository on disk: one folder per model, named after it, each holding <c>model.onnx</c> and
/// <c>model.json</c>. Folders whose name starts with '.' are skipped.
/// </summary>
internal static class ModelRepository
{
    /// <summary>The sentence that stops the process when the repository folder is missing; null when it exists.</summary>
    public static string? Check(string directory) =>
        Directory.Exists(directory)
            ? null
            : $"The model repository {directory} (--models, Inference:Models) does not exist; create it with one folder per model (NAME/model.onnx and NAME/model.json), e.g. with: aq models demo {directory}";

    /// <summary>The same check for the process's configuration (<c>Inference:Models</c>); null when it is unset or exists.</summary>
    public static string? Check(IConfiguration configuration) =>
        configuration[$"{InferenceOptions.Section}:Models"] is { Length: > 0 } directory ? Check(directory) : null;

    internal static IEnumerable<ModelEntry> Read(string directory, InferenceOptions options)
    {
        var problems = new List<string>();
        var shared = SharedSettings.Read(options, problems);
        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith('.'))
            {
                continue;
            }
            if (!ModelQueues.IsValidName(name))
            {
                yield return ModelEntry.Refused(name, BadName(name, $"the folder {folder}"));
            }
            else if (problems.Count > 0)
            {
                yield return ModelEntry.Refused(name, $"Model '{name}': {string.Join(" ", problems)}");
            }
            else
            {
                yield return Load(folder, name, shared);
            }
        }
    }

    internal static string BadName(string name, string source) =>
        $"Model '{name}': its name comes from {source} and must be 1 to {ModelQueues.MaxNameLength} letters, digits, '.', '_' or '-' (not starting with '.'), since jobs name it and its queue is inference.NAME; rename it.";

    private static ModelEntry Load(string folder, string name, SharedSettings shared)
    {
        try
        {
            return ModelEntry.Served(ModelManifest.Load(folder, name, shared));
        }
        catch (ModelRefusedException exception)
        {
            return ModelEntry.Refused(name, exception.Message);
        }
        catch (IOException exception)
        {
            return ModelEntry.Refused(name, $"Model '{name}': {folder} cannot be read ({exception.Message.TrimEnd('.')}); fix its permissions.");
        }
    }
}
