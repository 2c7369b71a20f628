using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Typed calls to the seed's dataset API, for tests.</summary>
internal static class DatasetApi
{
    public const string GamesOptions = """{"keyColumn":"player","valueColumns":["points","rebounds"]}""";

    public static async Task<DatasetView> CreateDatasetAsync(this HttpClient http, string processor = "running-stats", string options = GamesOptions, string? onError = null, string name = "games")
    {
        var policy = onError is null ? string.Empty : $",\"onError\":\"{onError}\"";
        using var response = await http.PostAsync("/api/datasets",
            new StringContent($"{{\"name\":\"{name}\",\"processor\":\"{processor}\",\"options\":{options}{policy}}}", Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.DatasetView))!;
    }

    public static Task<HttpResponseMessage> PostRowsAsync(this HttpClient http, string id, string body, string contentType = "text/csv", long? firstSeq = null) =>
        http.PostRowsAsync(id, Encoding.UTF8.GetBytes(body), contentType, firstSeq);

    public static Task<HttpResponseMessage> PostRowsAsync(this HttpClient http, string id, byte[] body, string contentType = "text/csv", long? firstSeq = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return http.PostAsync($"/api/datasets/{id}/rows{(firstSeq is { } f ? $"?firstSeq={f}" : string.Empty)}", content);
    }

    public static async Task<AppendRowsResponse> UploadAsync(this HttpClient http, string id, string body, string contentType = "text/csv", long? firstSeq = null)
    {
        using var response = await http.PostRowsAsync(id, body, contentType, firstSeq);
        Assert.True(response.IsSuccessStatusCode, $"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.AppendRowsResponse))!;
    }

    public static async Task<DatasetView> SealAsync(this HttpClient http, string id)
    {
        using var response = await http.PostAsync($"/api/datasets/{id}/seal", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.DatasetView))!;
    }

    public static async Task<DatasetView> GetDatasetAsync(this HttpClient http, string id, double? wait = null)
    {
        using var response = await http.GetAsync($"/api/datasets/{id}{(wait is { } w ? $"?wait={w.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty)}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.DatasetView))!;
    }

    /// <summary>Waits (server side, on commit signals) until the dataset is completed or failed, failing the test after 30 s.</summary>
    public static async Task<DatasetView> WaitDatasetFinalAsync(this HttpClient http, string id, double seconds = 30)
    {
        var dataset = await http.GetDatasetAsync(id, wait: seconds);
        Assert.True(dataset.Status is "completed" or "failed", $"dataset {id} is still {dataset.Status} ({dataset.RowsProcessed}/{dataset.RowsReceived}) after {seconds} s");
        return dataset;
    }

    /// <summary>Every result, page by page, as JSON text in sequence order.</summary>
    public static async Task<List<JsonElement>> ResultsAsync(this HttpClient http, string id, int pageSize = 1000)
    {
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync($"/api/datasets/{id}/results?afterSeq={after}&limit={pageSize}"));
            var page = document.RootElement.GetProperty("results").EnumerateArray().Select(e => e.Clone()).ToList();
            all.AddRange(page);
            if (document.RootElement.GetProperty("nextAfterSeq").ValueKind == JsonValueKind.Null)
            {
                return all;
            }
            after = document.RootElement.GetProperty("nextAfterSeq").GetInt64();
        }
    }
}
