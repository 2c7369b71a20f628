using System.Globalization;
using ActorQueue.Cli.Client;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Bench;

/// <summary>
/// What <c>aq bench --file</c> sends: one file as the body of <c>POST /api/images</c> (an <c>image.thumbnail</c>
/// job) or <c>POST /api/classify</c> (an <c>inference.classify</c> job), with the route's query.
/// </summary>
internal sealed record UploadTarget(UploadKind Kind, string FileName, byte[] Bytes, string ContentType, string Query)
{
    /// <summary>How long the upload request itself waits for its job (<c>?wait=</c>); a job not final by then is long-polled.</summary>
    public static readonly TimeSpan RequestWait = TimeSpan.FromSeconds(30);

    public string JobKind => Kind == UploadKind.Image ? "image.thumbnail" : "inference.classify";

    /// <summary>The upload, answered with the job: finished (<c>200</c>) or as it was when the request's wait ran out.</summary>
    public Task<SeedAnswer<JobView>> SubmitAsync(SeedClient client, CancellationToken ct)
    {
        var query = (Query.Length == 0 ? "" : Query + "&") + "wait=" + RequestWait.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return Kind == UploadKind.Image
            ? client.SubmitImageAsync(Bytes, ContentType, query, ct)
            : client.ClassifyAsync(Bytes, ContentType, query, ct);
    }

    /// <summary>The kind named by <c>--kind</c>: <c>image</c> (or <c>image.thumbnail</c>), <c>classify</c> (or <c>inference.classify</c>).</summary>
    public static UploadKind? ParseKind(string? kind) => kind?.ToLowerInvariant() switch
    {
        "image" or "image.thumbnail" => UploadKind.Image,
        "classify" or "inference.classify" => UploadKind.Classify,
        _ => null,
    };
}

internal enum UploadKind
{
    Image,
    Classify,
}
