namespace ActorQueue.Datasets;

/// <summary>The processors registered in this process, by name.</summary>
internal sealed class RowProcessorRegistry
{
    private readonly Dictionary<string, IRowProcessor> _byName = new(StringComparer.Ordinal);

    public RowProcessorRegistry(IEnumerable<IRowProcessor> processors)
    {
        foreach (var processor in processors)
        {
            if (!_byName.TryAdd(processor.Name, processor))
            {
                throw new InvalidOperationException($"Two row processors are registered with the name '{processor.Name}'.");
            }
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public bool TryGet(string name, out IRowProcessor processor) => _byName.TryGetValue(name, out processor!);
}
