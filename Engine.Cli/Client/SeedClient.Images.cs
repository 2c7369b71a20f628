using System.Net.Http.Headers;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

internal sealed partial class SeedClient
{
    /// <summary><c>POST /api/images?…</c> with the image as the body: the job it started.</summary>
    public Task<SeedAnswer<JobView>> SubmitImageAsync(byte[] image, string contentType, string query, CancellationToken ct) =>
        UploadAsync("api/images?" + query, image, contentType, ct);

    /// <summary><c>POST /api/classify?…</c> with the image as the body: the <c>inference.classify</c> job it started.</summary>
    public Task<SeedAnswer<JobView>> ClassifyAsync(byte[] image, string contentType, string query, CancellationToken ct) =>
        UploadAsync("api/classify?" + query, image, contentType, ct);

    private Task<SeedAnswer<JobView>> UploadAsync(string path, byte[] image, string contentType, CancellationToken ct)
    {
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return SendAsync(HttpMethod.Post, path, content, WireJsonContext.Default.JobView, RequestTimeout, ct);
    }

    /// <summary>The bytes at <paramref name="url"/>, a path on the seed such as <c>/api/blobs/{id}</c>.</summary>
    public async Task<byte[]> DownloadAsync(string url, CancellationToken ct)
    {
        var path = url.TrimStart('/');
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(RequestTimeout);
        HttpResponseMessage response;
        byte[] bytes;
        try
        {
            response = await http.GetAsync(path, deadline.Token);
            bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SeedClientException($"The seed at {settings.Display} did not answer GET /{path} within {RequestTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        using (response)
        {
            return response.IsSuccessStatusCode ? bytes : throw Problem(response, System.Text.Encoding.UTF8.GetString(bytes));
        }
    }
}
