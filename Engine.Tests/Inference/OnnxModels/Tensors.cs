namespace ActorQueue.Tests.Inference.OnnxModels;

/// <summary>Preprocessed image tensors for tests: solid colours in 0–1, in either layout.</summary>
internal static class Tensors
{
    public static readonly (float R, float G, float B) Red = (1, 0, 0);
    public static readonly (float R, float G, float B) Green = (0, 1, 0);
    public static readonly (float R, float G, float B) Blue = (0, 0, 1);
    public static readonly (float R, float G, float B) Black = (0, 0, 0);

    /// <summary>One image of <paramref name="size"/>×<paramref name="size"/> pixels of one colour.</summary>
    public static float[] Solid((float R, float G, float B) colour, int size, bool nhwc = false)
    {
        var plane = size * size;
        var data = new float[3 * plane];
        float[] channels = [colour.R, colour.G, colour.B];
        for (var c = 0; c < 3; c++)
        {
            for (var p = 0; p < plane; p++)
            {
                data[nhwc ? (p * 3) + c : (c * plane) + p] = channels[c];
            }
        }
        return data;
    }

    /// <summary>A mix of colours with some noise, different for each <paramref name="seed"/>.</summary>
    public static float[] Noisy(int seed, int size)
    {
        var random = new Random(seed);
        var data = new float[3 * size * size];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }
        return data;
    }

    /// <summary>Images laid out one after the other, as the batcher and a batched run take them.</summary>
    public static float[] Concat(params float[][] items) => items.SelectMany(i => i).ToArray();
}
