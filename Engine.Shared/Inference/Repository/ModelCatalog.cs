using Microsoft.Extensions.Options;

namespace ActorQueue.Inference.Repository;

/// <summary>
/// The models a node is configured to serve: one per folder of the repository (<c>Inference:Models</c>,
/// <c>--models DIR</c>) and the single model of <c>--model</c> (<c>Inference:Model:*</c>), each either with
/// its checked settings or refused with one sentence. Read once, from the files as they are at start-up;
/// a model that is refused does not stop the others.
/// </summary>
internal sealed class ModelCatalog
{
    private readonly Lazy<(IReadOnlyList<ModelEntry> Entries, string? Problem)> _read;

    public ModelCatalog(IOptions<InferenceOptions> options) => _read = new(() => Read(() => options.Value));

    /// <summary>Every configured model, in name order (the single model last).</summary>
    public IReadOnlyList<ModelEntry> Entries => _read.Value.Entries;

    /// <summary>Why no model can be served at all (the <c>Inference</c> section does not bind); null otherwise.</summary>
    public string? Problem => _read.Value.Problem;

    public static (IReadOnlyList<ModelEntry> Entries, string? Problem) Read(Func<InferenceOptions> bind)
    {
        InferenceOptions options;
        try
        {
            options = bind();
        }
        catch (InvalidOperationException exception)
        {
            // The configuration binder could not convert a value (e.g. Inference:Model:Size=big).
            return ([], $"The Inference configuration is invalid: {exception.GetBaseException().Message}");
        }
        var entries = new List<ModelEntry>();
        if (!string.IsNullOrWhiteSpace(options.Models))
        {
            if (ModelRepository.Check(options.Models) is { } missing)
            {
                return ([], missing);
            }
            entries.AddRange(ModelRepository.Read(options.Models, options));
        }
        if (!string.IsNullOrWhiteSpace(options.Model.Path))
        {
            entries.Add(SingleModel(options, entries));
        }
        return (entries, null);
    }

    private static ModelEntry SingleModel(InferenceOptions options, List<ModelEntry> repository)
    {
        var name = Path.GetFileNameWithoutExtension(options.Model.Path!);
        if (!ModelQueues.IsValidName(name))
        {
            return ModelEntry.Refused(name, ModelRepository.BadName(name, $"the file name of --model {options.Model.Path}"));
        }
        if (repository.Any(entry => entry.Name == name))
        {
            return ModelEntry.Refused(name, $"Model '{name}': --model {options.Model.Path} has the name of a model of the repository {options.Models}; rename the file or the folder.");
        }
        try
        {
            return ModelEntry.Served(InferenceSettings.From(options)!);
        }
        catch (InferenceConfigurationException exception)
        {
            return ModelEntry.Refused(name, $"Model '{name}': {exception.Message}");
        }
    }
}
