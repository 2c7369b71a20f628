using System.Globalization;

namespace ActorQueue.Inference.Repository;

/// <summary>Parsing of the <c>Inference:*</c> key values, each wrong one reported as one sentence.</summary>
internal static class SettingRules
{
    public static T Choice<T>(string? text, string key, List<string> problems, params (string Name, T Value)[] choices)
    {
        if (TryChoice(text, out var value, choices))
        {
            return value;
        }
        problems.Add($"{key} is '{text}'; use one of {string.Join(", ", choices.Select(c => c.Name))}.");
        return choices[0].Value;
    }

    public static bool TryChoice<T>(string? text, out T value, params (string Name, T Value)[] choices)
    {
        foreach (var choice in choices)
        {
            if (string.Equals(text?.Trim(), choice.Name, StringComparison.OrdinalIgnoreCase))
            {
                value = choice.Value;
                return true;
            }
        }
        value = choices[0].Value;
        return false;
    }

    /// <summary>Three comma-separated numbers (positive ones unless <paramref name="allowZero"/>).</summary>
    public static float[] PerChannel(string text, string key, List<string> problems, bool allowZero)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[3];
        var ok = parts.Length == 3;
        for (var i = 0; ok && i < 3; i++)
        {
            ok = float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                && float.IsFinite(values[i]) && (allowZero || values[i] > 0);
        }
        if (!ok)
        {
            problems.Add($"{key} is '{text}'; give three comma-separated {(allowZero ? "numbers" : "positive numbers")}, one per channel in the model's channel order.");
        }
        return values;
    }

    public static readonly (string, TensorLayout)[] Layouts = [("NCHW", TensorLayout.Nchw), ("NHWC", TensorLayout.Nhwc)];
    public static readonly (string, ChannelOrder)[] ChannelOrders = [("RGB", ChannelOrder.Rgb), ("BGR", ChannelOrder.Bgr)];
    public static readonly (string, ResizeMode)[] Resizes = [("crop", ResizeMode.Crop), ("stretch", ResizeMode.Stretch)];
    public static readonly (string, SoftmaxMode)[] Softmaxes = [("auto", SoftmaxMode.Auto), ("always", SoftmaxMode.Always), ("never", SoftmaxMode.Never)];
}
