using System.Globalization;
using System.Net.Http.Headers;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

internal sealed partial class SeedClient
{
    /// <summary>Buffer of the streamed upload: one read from the file, one write to the socket.</summary>
    private const int UploadBufferBytes = 64 * 1024;

    public Task<SeedAnswer<DatasetView>> CreateDatasetAsync(CreateDatasetRequest request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/datasets", Body(request, WireJsonContext.Default.CreateDatasetRequest),
            WireJsonContext.Default.DatasetView, RequestTimeout, ct);

    public Task<SeedAnswer<DatasetListResponse>> ListDatasetsAsync(int? limit, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/datasets" + (limit is { } n ? "?limit=" + n.ToString(CultureInfo.InvariantCulture) : ""), null,
            WireJsonContext.Default.DatasetListResponse, RequestTimeout, ct);

    /// <summary><c>GET /api/datasets/{id}</c>; with <paramref name="wait"/> the seed answers when the dataset is completed or failed, or the wait is over.</summary>
    public Task<SeedAnswer<DatasetView>> GetDatasetAsync(string id, TimeSpan? wait, CancellationToken ct) =>
        GetWaitingAsync(DatasetPath(id), wait, WireJsonContext.Default.DatasetView, ct);

    public Task<SeedAnswer<DatasetView>> SealDatasetAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, DatasetPath(id) + "/seal", null, WireJsonContext.Default.DatasetView, RequestTimeout, ct);

    /// <summary><c>POST /api/datasets/{id}/resume</c>; without <paramref name="onError"/> the dataset keeps its policy.</summary>
    public Task<SeedAnswer<DatasetView>> ResumeDatasetAsync(string id, string? onError, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, DatasetPath(id) + "/resume",
            onError is null ? null : Body(new ResumeDatasetRequest { OnError = onError }, WireJsonContext.Default.ResumeDatasetRequest),
            WireJsonContext.Default.DatasetView, RequestTimeout, ct);

    public Task<SeedAnswer<DatasetResultsPage>> DatasetResultsAsync(string id, long afterSeq, int limit, CancellationToken ct) =>
        SendAsync(HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"{DatasetPath(id)}/results?afterSeq={afterSeq}&limit={limit}"), null,
            CliJsonContext.Default.DatasetResultsPage, RequestTimeout, ct);

    /// <summary>
    /// <c>POST /api/datasets/{id}/rows</c>, streaming <paramref name="rows"/> (never buffered whole) and
    /// reporting the bytes sent so far to <paramref name="progress"/>. There is no overall time limit,
    /// since a large file takes as long as it takes; the upload fails only when the seed takes no bytes
    /// and sends no answer for <see cref="RequestTimeout"/>.
    /// </summary>
    public async Task<SeedAnswer<AppendRowsResponse>> UploadRowsAsync(
        string id, Stream rows, long length, RowFormat format, long? firstSeq, Action<long> progress, CancellationToken ct)
    {
        var path = DatasetPath(id) + "/rows" + (firstSeq is { } first ? "?firstSeq=" + first.ToString(CultureInfo.InvariantCulture) : "");
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(RequestTimeout);
        var counted = new ProgressStream(rows, sent =>
        {
            idle.CancelAfter(RequestTimeout);
            progress(sent);
        });
        var content = new StreamContent(counted, UploadBufferBytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(format.MediaType) { CharSet = "utf-8" };
        content.Headers.ContentLength = length;
        try
        {
            return await SendAsync(HttpMethod.Post, path, content, WireJsonContext.Default.AppendRowsResponse, Timeout.InfiniteTimeSpan, idle.Token);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new SeedClientException(
                $"The seed at {settings.Display} took no more of the upload and did not answer for {RequestTimeout.TotalSeconds:0} s.");
        }
    }

    private static string DatasetPath(string id) => "api/datasets/" + Uri.EscapeDataString(id);
}
