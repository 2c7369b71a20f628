using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

/// <summary>
/// Typed access to the seed's HTTP API, one method per route. Error answers become
/// <see cref="SeedRequestException"/>; transport failures, timeouts and unreadable answers
/// become <see cref="SeedClientException"/> with a one-sentence message naming the seed.
/// </summary>
internal sealed partial class SeedClient(HttpClient http, SeedSettings settings)
{
    /// <summary>How long an ordinary request may take; long-polls get their wait on top.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private static readonly TimeSpan LongPollSlack = TimeSpan.FromSeconds(30);

    public SeedSettings Settings => settings;

    public Task<SeedAnswer<SubmitJobResponse>> SubmitAsync(SubmitJobRequest request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/jobs", Body(request, WireJsonContext.Default.SubmitJobRequest),
            WireJsonContext.Default.SubmitJobResponse, RequestTimeout, ct);

    public Task<SeedAnswer<SubmitBatchResponse>> SubmitBatchAsync(SubmitBatchRequest request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/jobs/batch", Body(request, WireJsonContext.Default.SubmitBatchRequest),
            WireJsonContext.Default.SubmitBatchResponse, RequestTimeout, ct);

    /// <summary><c>GET /api/jobs/{id}</c>; with <paramref name="wait"/> the seed answers when the job is final or the wait is over.</summary>
    public Task<SeedAnswer<JobView>> GetJobAsync(string id, TimeSpan? wait, CancellationToken ct) =>
        GetWaitingAsync(JobPath(id), wait, WireJsonContext.Default.JobView, ct);

    public Task<SeedAnswer<JobListResponse>> ListJobsAsync(JobListQuery query, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, query.ToPathAndQuery(), null, WireJsonContext.Default.JobListResponse, RequestTimeout, ct);

    public Task<SeedAnswer<JobView>> CancelAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, JobPath(id) + "/cancel", null, WireJsonContext.Default.JobView, RequestTimeout, ct);

    public Task<SeedAnswer<JobView>> RetryAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, JobPath(id) + "/retry", null, WireJsonContext.Default.JobView, RequestTimeout, ct);

    /// <summary><c>POST /api/dlq/retry</c>: re-drives every discarded job.</summary>
    public Task<SeedAnswer<RetryAllResponse>> RetryAllDiscardedAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/dlq/retry", null, WireJsonContext.Default.RetryAllResponse, RequestTimeout, ct);

    /// <summary>A GET that, with <paramref name="wait"/>, may be held by the seed that long before it answers.</summary>
    private Task<SeedAnswer<T>> GetWaitingAsync<T>(string path, TimeSpan? wait, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var timeout = RequestTimeout;
        if (wait is { } w)
        {
            path += "?wait=" + w.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            timeout = w + LongPollSlack;
        }

        return SendAsync(HttpMethod.Get, path, null, type, timeout, ct);
    }

    private static string JobPath(string id) => "api/jobs/" + Uri.EscapeDataString(id);

    private static ByteArrayContent Body<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
