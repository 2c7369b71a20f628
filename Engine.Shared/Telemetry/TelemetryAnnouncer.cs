using ActorQueue.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace ActorQueue.Telemetry;

/// <summary>Says at start-up where traces, metrics and logs are exported over OTLP, when they are.</summary>
internal sealed class TelemetryAnnouncer(TelemetrySettings settings, ILogger<TelemetryAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Otlp is { } otlp)
        {
            var protocol = otlp.FromStandardVariables ? "OTEL_EXPORTER_OTLP_*" : otlp.Protocol == OtlpExportProtocol.Grpc ? "grpc" : "http/protobuf";
            MetricsLog.OtlpExport(logger, protocol, settings.OtlpEndpoint ?? "");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
