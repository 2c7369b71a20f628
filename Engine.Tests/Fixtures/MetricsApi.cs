using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorQueue.Tests.Fixtures;

/// <summary>The seed's <c>/metrics</c> as a scraper reads it: samples by name and labels, whatever the label order.</summary>
internal static partial class MetricsApi
{
    public static async Task<ScrapedMetrics> ScrapeAsync(this HttpClient http) => ScrapedMetrics.Parse(await http.GetStringAsync("/metrics"));
}

/// <summary>One scrape in the Prometheus text format.</summary>
internal sealed partial class ScrapedMetrics
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private ScrapedMetrics(string text) => Text = text;

    public string Text { get; }

    public static ScrapedMetrics Parse(string text)
    {
        var scraped = new ScrapedMetrics(text);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                var number => double.Parse(number, CultureInfo.InvariantCulture),
            };
            scraped._samples.Add((match.Groups["name"].Value, labels, value));
        }
        return scraped;
    }

    /// <summary>The value of the sample <paramref name="name"/> with exactly <paramref name="labels"/>, or null when there is none.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels)
    {
        var found = _samples.Where(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).ToList();
        Assert.True(found.Count <= 1, $"several samples {name} with those labels");
        return found.Count == 0 ? null : found[0].Value;
    }

    /// <summary>Every sample named <paramref name="name"/>.</summary>
    public IEnumerable<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples(string name) =>
        _samples.Where(s => s.Name == name).Select(s => ((IReadOnlyDictionary<string, string>)s.Labels, s.Value));

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex(""""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"""")]
    private static partial Regex Label();
}
