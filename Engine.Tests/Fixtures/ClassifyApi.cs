using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Calls to the seed's classify route and what its metrics say about batches, for tests.</summary>
internal static class ClassifyApi
{
    public static async Task<HttpResponseMessage> PostClassifyAsync(this HttpClient http, byte[] image, string query = "wait=20", string contentType = "image/png")
    {
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await http.PostAsync("/api/classify?" + query, content);
    }

    /// <summary>Submits an image to classify, expecting it accepted (202, or 200 when it finished within <c>wait</c>).</summary>
    public static async Task<JobView> ClassifyAsync(this HttpClient http, byte[] image, string query = "wait=20")
    {
        using var response = await http.PostClassifyAsync(image, query);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK,
            $"POST /api/classify answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.JobView))!;
    }

    /// <summary>The result of a completed <c>inference.classify</c> job.</summary>
    public static ClassifyJobResult Classification(this JobView job)
    {
        Assert.True(job.State == JobStateName.Completed, $"job {job.Id} is {job.State}: {string.Join("; ", job.Errors.Select(e => e.Message))}");
        return JsonSerializer.Deserialize(job.Result!.Value, WireJsonContext.Default.ClassifyJobResult)!;
    }

    /// <summary>The best class's label.</summary>
    public static string? Best(this JobView job) => job.Classification().Predictions[0].Label;

    /// <summary>How many batches the inference pool ran, and how many images they held, from <c>/metrics</c>.</summary>
    public static async Task<(long Batches, long Images)> BatchesRunAsync(this HttpClient http)
    {
        var metrics = await http.GetStringAsync("/metrics");
        long Value(string name) => metrics.Split('\n').Where(line => line.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(line => long.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture)).SingleOrDefault();
        return (Value("aq_inference_batch_size_count"), Value("aq_inference_batch_size_sum"));
    }
}
