using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ActorQueue.Protocol;
using ActorQueue.Tests.Imaging;

namespace ActorQueue.Tests.Fixtures;

/// <summary>The seed's upload routes (<c>/api/images</c>, <c>/api/classify</c>): an image as the raw body, a job back.</summary>
internal static class UploadApi
{
    public static async Task<HttpResponseMessage> PostUploadAsync(this HttpClient http, string route, byte[] image, string query, string contentType)
    {
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await http.PostAsync(route + "?" + query, content);
    }

    /// <summary>Posts an upload expecting it accepted (202, or 200 when it finished within <c>wait</c>), and answers its job.</summary>
    public static async Task<JobView> SubmitUploadAsync(this HttpClient http, string route, byte[] image, string query, string contentType)
    {
        using var response = await http.PostUploadAsync(route, image, query, contentType);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK,
            $"POST {route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.JobView))!;
    }

    /// <summary>Bodies every upload route refuses with 400 before anything is stored, and what the answer must say.</summary>
    public static (byte[] Body, string Expected)[] BadAtSubmission() =>
    [
        ("just some text"u8.ToArray(), "The data is not an image"),
        (TestImages.Gif(30, 30), "Unsupported image format: GIF"),
        (TestImages.Svg(), "Unsupported image format: SVG"),
        (TestImages.PngClaiming(20_000, 20_000), "400 MP, over the limit of 50 MP (Images:MaxPixels)"),
        (TestImages.Truncated(TestImages.Gradient(400, 300), 0.01), "header cannot be read"),
        ([], "The body is empty"),
    ];
}
