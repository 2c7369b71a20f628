using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorQueue.Tests.Fixtures;

/// <summary>
/// The seed documents' example: a table of game results where each player's running statistics depend on
/// every earlier row. Generates a deterministic CSV and computes, independently of the engine's processor,
/// what <c>running-stats</c> must output for each row.
/// </summary>
internal sealed class GameResults
{
    private static readonly string[] Players = ["ann", "bob", "carl, jr", "dora \"the\" explorer", "eve", "fay", "gus", "hal"];

    private GameResults(List<(string Player, double Points, double Rebounds)> rows) => Rows = rows;

    public List<(string Player, double Points, double Rebounds)> Rows { get; }

    public static GameResults Generate(int count, int seed = 7)
    {
        var random = new Random(seed);
        var rows = new List<(string, double, double)>(count);
        for (var i = 0; i < count; i++)
        {
            rows.Add((Players[random.Next(Players.Length)], random.Next(0, 50), Math.Round(random.NextDouble() * 20, 1)));
        }
        return new GameResults(rows);
    }

    /// <summary>RFC 4180 CSV with a header; names with commas and quotes are quoted.</summary>
    public string ToCsv(int skip = 0, int? take = null)
    {
        var csv = new StringBuilder("player,points,rebounds\n");
        foreach (var (player, points, rebounds) in Rows.Skip(skip).Take(take ?? int.MaxValue))
        {
            var name = player.Contains(',', StringComparison.Ordinal) || player.Contains('"', StringComparison.Ordinal)
                ? $"\"{player.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
                : player;
            csv.Append(CultureInfo.InvariantCulture, $"{name},{points},{rebounds}\n");
        }
        return csv.ToString();
    }

    public string ToNdjson() => string.Concat(Rows.Select(r =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["player"] = r.Player, ["points"] = r.Points, ["rebounds"] = r.Rebounds }) + "\n"));

    /// <summary>Asserts that <paramref name="results"/> is exactly the running statistics of every row, in order, once each.</summary>
    public void AssertRunningStats(IReadOnlyList<JsonElement> results)
    {
        Assert.Equal(Rows.Count, results.Count);
        var sums = new Dictionary<string, (long Count, double Points, double Rebounds, double MinPoints, double MaxPoints)>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var (player, points, rebounds) = Rows[i];
            var s = sums.GetValueOrDefault(player, (0, 0, 0, double.MaxValue, double.MinValue));
            s = (s.Count + 1, s.Points + points, s.Rebounds + rebounds, Math.Min(s.MinPoints, points), Math.Max(s.MaxPoints, points));
            sums[player] = s;

            var result = results[i];
            Assert.Equal(i + 1, result.GetProperty("seq").GetInt64());
            Assert.Equal(player, result.GetProperty("key").GetString());
            var pointStats = result.GetProperty("stats").GetProperty("points");
            Assert.Equal(s.Count, pointStats.GetProperty("count").GetInt64());
            Assert.Equal(s.Points, pointStats.GetProperty("sum").GetDouble());
            Assert.Equal(s.Points / s.Count, pointStats.GetProperty("mean").GetDouble());
            Assert.Equal(s.MinPoints, pointStats.GetProperty("min").GetDouble());
            Assert.Equal(s.MaxPoints, pointStats.GetProperty("max").GetDouble());
            Assert.Equal(s.Rebounds, result.GetProperty("stats").GetProperty("rebounds").GetProperty("sum").GetDouble());
        }
    }
}
