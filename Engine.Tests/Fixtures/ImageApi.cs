using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Calls to the seed's image and blob routes, for tests.</summary>
internal static class ImageApi
{
    public static async Task<HttpResponseMessage> PostImageAsync(this HttpClient http, byte[] image, string query, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await http.PostAsync("/api/images?" + query, content);
    }

    /// <summary>Submits an image job, expecting it accepted (202, or 200 when it finished within <c>wait</c>).</summary>
    public static async Task<JobView> SubmitImageAsync(this HttpClient http, byte[] image, string query)
    {
        using var response = await http.PostImageAsync(image, query);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK,
            $"POST /api/images answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.JobView))!;
    }

    /// <summary>The result of a completed <c>image.thumbnail</c> job.</summary>
    public static ThumbnailJobResult Thumbnails(this JobView job)
    {
        Assert.True(job.State == JobStateName.Completed, $"job {job.Id} is {job.State}: {string.Join("; ", job.Errors.Select(e => e.Message))}");
        return System.Text.Json.JsonSerializer.Deserialize(job.Result!.Value, WireJsonContext.Default.ThumbnailJobResult)!;
    }
}
