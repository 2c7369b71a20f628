using System.Text.Json;

namespace ActorQueue.Datasets.Processors;

/// <summary>Count, sum, min and max of one column for one key; the mean is derived.</summary>
internal struct ColumnStats
{
    public long Count;
    public double Sum;
    public double Min;
    public double Max;

    public readonly double Mean => Sum / Count;

    public void Add(double value)
    {
        Min = Count == 0 ? value : Math.Min(Min, value);
        Max = Count == 0 ? value : Math.Max(Max, value);
        Count++;
        Sum += value;
    }

    public readonly void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("count", Count);
        writer.WriteNumber("sum", Sum);
        writer.WriteNumber("mean", Mean);
        writer.WriteNumber("min", Min);
        writer.WriteNumber("max", Max);
        writer.WriteEndObject();
    }

    public static ColumnStats Read(JsonElement element, string where)
    {
        try
        {
            return new ColumnStats
            {
                Count = element.GetProperty("count").GetInt64(),
                Sum = element.GetProperty("sum").GetDouble(),
                Min = element.GetProperty("min").GetDouble(),
                Max = element.GetProperty("max").GetDouble(),
            };
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"The running-stats snapshot is damaged at {where}.", exception);
        }
    }
}
