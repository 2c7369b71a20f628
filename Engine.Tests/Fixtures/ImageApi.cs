using ActorQueue.Protocol;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Calls to the seed's image and blob routes, for tests.</summary>
internal static class ImageApi
{
    public static Task<HttpResponseMessage> PostImageAsync(this HttpClient http, byte[] image, string query, string contentType = "image/jpeg") =>
        http.PostUploadAsync("/api/images", image, query, contentType);

    /// <summary>Submits an image job, expecting it accepted (202, or 200 when it finished within <c>wait</c>).</summary>
    public static Task<JobView> SubmitImageAsync(this HttpClient http, byte[] image, string query) =>
        http.SubmitUploadAsync("/api/images", image, query, "image/jpeg");

    /// <summary>The result of a completed <c>image.thumbnail</c> job.</summary>
    public static ThumbnailJobResult Thumbnails(this JobView job)
    {
        Assert.True(job.State == JobStateName.Completed, $"job {job.Id} is {job.State}: {string.Join("; ", job.Errors.Select(e => e.Message))}");
        return System.Text.Json.JsonSerializer.Deserialize(job.Result!.Value, WireJsonContext.Default.ThumbnailJobResult)!;
    }
}
