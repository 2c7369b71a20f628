using System.Text.Json;

namespace ActorQueue.Datasets.Processors;

/// <summary>
/// <c>delta</c>: each row compared with the previous row of the same key. Output
/// <c>{seq, key, values: {COLUMN: v}, delta: {COLUMN: v - previous or null for the key's first row}}</c>;
/// the state is the last values of each key, <c>{KEY: {COLUMN: v}}</c>. Useful for balances, meter
/// readings and counters that arrive as totals.
/// </summary>
internal sealed class DeltaProcessor : IRowProcessor
{
    public const string ProcessorName = "delta";

    public string Name => ProcessorName;

    public IRowProcessorState CreateState(JsonElement options) => new State(KeyedColumnsOptions.Parse(ProcessorName, options));

    private sealed class State(KeyedColumnsOptions options) : IRowProcessorState
    {
        private readonly Dictionary<string, double[]> _lastByKey = new(StringComparer.Ordinal);
        private readonly double[] _values = new double[options.ValueColumns.Count];

        public void Restore(JsonElement snapshot)
        {
            _lastByKey.Clear();
            foreach (var key in snapshot.EnumerateObject())
            {
                var last = new double[_values.Length];
                for (var i = 0; i < last.Length; i++)
                {
                    if (!key.Value.TryGetProperty(options.ValueColumns[i], out var value) || !value.TryGetDouble(out last[i]))
                    {
                        throw new InvalidDataException($"The delta snapshot is damaged at {key.Name}.{options.ValueColumns[i]}.");
                    }
                }
                _lastByKey[key.Name] = last;
            }
        }

        public void Apply(DatasetRow row, Utf8JsonWriter output)
        {
            var key = row.GetRequiredString(options.KeyColumn);
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i] = row.GetDouble(options.ValueColumns[i]);
            }
            var previous = _lastByKey.GetValueOrDefault(key);

            output.WriteStartObject();
            output.WriteNumber("seq", row.Seq);
            output.WriteString("key", key);
            output.WriteStartObject("values");
            for (var i = 0; i < _values.Length; i++)
            {
                output.WriteNumber(options.ValueColumns[i], _values[i]);
            }
            output.WriteEndObject();
            output.WriteStartObject("delta");
            for (var i = 0; i < _values.Length; i++)
            {
                if (previous is null)
                {
                    output.WriteNull(options.ValueColumns[i]);
                }
                else
                {
                    output.WriteNumber(options.ValueColumns[i], _values[i] - previous[i]);
                }
            }
            output.WriteEndObject();
            output.WriteEndObject();

            if (previous is null)
            {
                _lastByKey[key] = (double[])_values.Clone();
            }
            else
            {
                _values.CopyTo(previous, 0);
            }
        }

        public void WriteSnapshot(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var (key, last) in _lastByKey)
            {
                writer.WriteStartObject(key);
                for (var i = 0; i < last.Length; i++)
                {
                    writer.WriteNumber(options.ValueColumns[i], last[i]);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
    }
}
