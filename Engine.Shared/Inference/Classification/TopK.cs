namespace ActorQueue.Inference.Classification;

/// <summary>
/// Picks the <c>k</c> best classes from one image's scores, best first (ties: lower index first). With
/// <see cref="SoftmaxMode.Auto"/> the scores are turned into probabilities by a softmax unless they already
/// are probabilities: every score in [0, 1] and their sum within <see cref="ProbabilityTolerance"/> of 1.
/// </summary>
internal static class TopK
{
    public const double ProbabilityTolerance = 0.01;

    public static IReadOnlyList<Prediction> Select(ReadOnlySpan<float> scores, int k, LabelSet? labels, SoftmaxMode softmax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var values = scores.ToArray();
        if (softmax == SoftmaxMode.Always || (softmax == SoftmaxMode.Auto && !LooksLikeProbabilities(values)))
        {
            Softmax(values);
        }
        var order = Enumerable.Range(0, values.Length)
            .OrderByDescending(i => values[i])
            .ThenBy(i => i)
            .Take(k);
        return order.Select(i => new Prediction(i, labels?[i], values[i])).ToArray();
    }

    public static bool LooksLikeProbabilities(ReadOnlySpan<float> scores)
    {
        double sum = 0;
        foreach (var s in scores)
        {
            if (!(s >= 0 && s <= 1))
            {
                return false;
            }
            sum += s;
        }
        return Math.Abs(sum - 1) <= ProbabilityTolerance;
    }

    /// <summary>In place, numerically stable (the maximum is subtracted first).</summary>
    public static void Softmax(Span<float> values)
    {
        if (values.Length == 0)
        {
            return;
        }
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Exp(values[i] - max);
            sum += values[i];
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] / sum);
        }
    }
}
