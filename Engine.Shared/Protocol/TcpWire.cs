using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorQueue.Protocol;

/// <summary>One line of the TCP NDJSON protocol.</summary>
public sealed class TcpRequest
{
    public string? Op { get; set; }
    public string? Token { get; set; }
    public SubmitJobRequest? Job { get; set; }
    public string? Id { get; set; }
    public double? Wait { get; set; }
    public string? Dataset { get; set; }
    public List<JsonElement>? Rows { get; set; }
    public long? FirstSeq { get; set; }

    /// <summary>
    /// <c>submit</c>: the caller's W3C trace context (<c>00-TRACEID-SPANID-FLAGS</c>), the parent of the job's
    /// <c>submit</c> span, as the <c>traceparent</c> header is over HTTP.
    /// </summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; set; }
}

/// <summary>One response line; <c>ok</c> is false exactly when <c>error</c> is set.</summary>
public sealed record TcpResponse
{
    public bool Ok { get; init; }
    public string? Op { get; init; }
    public string? Error { get; init; }
    public string? Id { get; init; }
    public JobStateName? State { get; init; }
    public JobView? Job { get; init; }
    public long? Accepted { get; init; }
    public long? LastSeq { get; init; }

    /// <summary><c>submit</c>: the trace id the new job was stored under.</summary>
    public string? TraceId { get; init; }
}
