using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace ActorQueue.Telemetry;

/// <summary>
/// Where traces, metrics and logs are exported over OTLP, if anywhere: the engine's own keys
/// <c>OpenTelemetry:Otlp:Endpoint</c> (a base URL; <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> are
/// appended for <c>http/protobuf</c>) and <c>OpenTelemetry:Otlp:Protocol</c> (<c>http/protobuf</c>, the default,
/// or <c>grpc</c>), or else the standard <c>OTEL_EXPORTER_OTLP_*</c> variables, which the exporter reads itself.
/// With neither, nothing is exported and nothing is sent anywhere.
/// </summary>
public sealed record OtlpSettings(Uri? Endpoint, OtlpExportProtocol Protocol)
{
    public const string EndpointKey = "OpenTelemetry:Otlp:Endpoint";
    public const string ProtocolKey = "OpenTelemetry:Otlp:Protocol";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>True when the standard <c>OTEL_EXPORTER_OTLP_*</c> variables configure the exporter (<see cref="Endpoint"/> is then null).</summary>
    public bool FromStandardVariables => Endpoint is null;

    /// <summary>What to log about the export.</summary>
    public string Describe(IConfiguration configuration) =>
        Endpoint?.ToString() ?? configuration[StandardEndpointKey] ?? "";

    /// <summary>The export <paramref name="configuration"/> asks for, or null for none.</summary>
    /// <exception cref="TelemetrySettingsException">The endpoint or protocol is not valid.</exception>
    public static OtlpSettings? From(IConfiguration configuration)
    {
        if (configuration[EndpointKey] is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new TelemetrySettingsException($"{EndpointKey} must be the OTLP receiver's http(s) URL such as http://collector:4318, not '{endpoint}'.");
            }
            var protocol = configuration[ProtocolKey] switch
            {
                null or "" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                "grpc" => OtlpExportProtocol.Grpc,
                var other => throw new TelemetrySettingsException($"{ProtocolKey} must be http/protobuf or grpc, not '{other}'."),
            };
            return new OtlpSettings(uri, protocol);
        }
        return configuration[StandardEndpointKey] is { Length: > 0 } ? new OtlpSettings(null, OtlpExportProtocol.Grpc) : null;
    }
}

/// <summary>A telemetry setting that cannot be used; the message says what to fix.</summary>
public sealed class TelemetrySettingsException(string message) : Exception(message);
