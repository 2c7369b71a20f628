namespace ActorQueue.Inference;

/// <summary>
/// How a model's settings are named in sentences: as configuration keys (<c>Inference:Model:Layout</c>,
/// for the single model of <c>--model</c>) or as manifest fields (<c>model.json "layout"</c>, for a model
/// of the repository), so that an error names what the user wrote.
/// </summary>
internal sealed class SettingNames
{
    private readonly Func<string, string> _name;

    private SettingNames(Func<string, string> name) => _name = name;

    /// <summary>The <c>Inference:Model:*</c> keys.</summary>
    public static SettingNames Keys { get; } = new(field => "Inference:Model:" + char.ToUpperInvariant(field[0]) + field[1..]);

    /// <summary>The fields of a repository model's <c>model.json</c>.</summary>
    public static SettingNames Manifest { get; } = new(field => $"model.json \"{field}\"");

    /// <summary>The name of a field given in manifest spelling (<c>channelOrder</c>).</summary>
    public string this[string field] => _name(field);
}
