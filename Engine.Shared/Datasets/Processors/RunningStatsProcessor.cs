using System.Text.Json;

namespace ActorQueue.Datasets.Processors;

/// <summary>
/// <c>running-stats</c>: per key, the count, sum, mean, min and max of each value column so far. Each row's
/// output is <c>{seq, key, stats: {COLUMN: {count, sum, mean, min, max}}}</c>, the key's statistics after
/// that row; the state is <c>{KEY: {COLUMN: {…}}}</c>.
/// </summary>
internal sealed class RunningStatsProcessor : IRowProcessor
{
    public const string ProcessorName = "running-stats";

    public string Name => ProcessorName;

    public IRowProcessorState CreateState(JsonElement options) => new State(KeyedColumnsOptions.Parse(ProcessorName, options));

    private sealed class State(KeyedColumnsOptions options) : IRowProcessorState
    {
        private readonly Dictionary<string, ColumnStats[]> _byKey = new(StringComparer.Ordinal);
        private readonly double[] _values = new double[options.ValueColumns.Count];

        public void Restore(JsonElement snapshot)
        {
            _byKey.Clear();
            foreach (var key in snapshot.EnumerateObject())
            {
                var stats = new ColumnStats[options.ValueColumns.Count];
                for (var i = 0; i < stats.Length; i++)
                {
                    var column = options.ValueColumns[i];
                    stats[i] = key.Value.TryGetProperty(column, out var element)
                        ? ColumnStats.Read(element, $"{key.Name}.{column}")
                        : default;
                }
                _byKey[key.Name] = stats;
            }
        }

        public void Apply(DatasetRow row, Utf8JsonWriter output)
        {
            var key = row.GetRequiredString(options.KeyColumn);
            // Read every value before changing anything: a rejected row leaves the state as it was.
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i] = row.GetDouble(options.ValueColumns[i]);
            }
            if (!_byKey.TryGetValue(key, out var stats))
            {
                stats = new ColumnStats[_values.Length];
                _byKey[key] = stats;
            }
            for (var i = 0; i < _values.Length; i++)
            {
                stats[i].Add(_values[i]);
            }

            output.WriteStartObject();
            output.WriteNumber("seq", row.Seq);
            output.WriteString("key", key);
            output.WritePropertyName("stats");
            WriteColumns(output, stats);
            output.WriteEndObject();
        }

        public void WriteSnapshot(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var (key, stats) in _byKey)
            {
                writer.WritePropertyName(key);
                WriteColumns(writer, stats);
            }
            writer.WriteEndObject();
        }

        private void WriteColumns(Utf8JsonWriter writer, ColumnStats[] stats)
        {
            writer.WriteStartObject();
            for (var i = 0; i < stats.Length; i++)
            {
                if (stats[i].Count == 0)
                {
                    continue;
                }
                writer.WritePropertyName(options.ValueColumns[i]);
                stats[i].Write(writer);
            }
            writer.WriteEndObject();
        }
    }
}
