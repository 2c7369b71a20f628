using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Calls to the seed's classify route and what its metrics say about batches, for tests.</summary>
internal static class ClassifyApi
{
    public static Task<HttpResponseMessage> PostClassifyAsync(this HttpClient http, byte[] image, string query = "wait=20", string contentType = "image/png") =>
        http.PostUploadAsync("/api/classify", image, query, contentType);

    /// <summary>Submits an image to classify, expecting it accepted (202, or 200 when it finished within <c>wait</c>).</summary>
    public static Task<JobView> ClassifyAsync(this HttpClient http, byte[] image, string query = "wait=20") =>
        http.SubmitUploadAsync("/api/classify", image, query, "image/png");

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
        var metrics = await http.ScrapeAsync();
        return ((long)(metrics.Value("aq_inference_batch_size_count") ?? 0), (long)(metrics.Value("aq_inference_batch_size_sum") ?? 0));
    }
}
