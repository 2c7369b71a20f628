using System.Diagnostics.Metrics;
using ActorQueue.Hosting;
using ActorQueue.Inference;
using ActorQueue.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActorQueue.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Default buckets of the engine's duration histograms, in seconds (OpenTelemetry's own defaults are meant
    /// for milliseconds). A histogram that advises its own boundaries (the inference batch size) keeps them.
    /// </summary>
    internal static readonly double[] SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    /// <summary>
    /// OpenTelemetry for this process: a tracer provider on <see cref="JobTracing.SourceName"/> (every span recorded,
    /// honouring a caller's sampling decision), a meter provider on the engine's meters, and the OTLP exporter for
    /// traces, metrics and logs when <see cref="OtlpSettings"/> names an endpoint. The meter provider exports the
    /// instruments of the <see cref="IInstruments"/> registered here only, so engines sharing a process (tests) keep
    /// their own numbers. The seed adds its HTTP server spans and the Prometheus exporter.
    /// </summary>
    /// <exception cref="TelemetrySettingsException">The OTLP settings are not valid.</exception>
    public static IServiceCollection AddActorQueueTelemetry(this IServiceCollection services, IConfiguration configuration, NodeIdentity node)
    {
        var otlp = OtlpSettings.From(configuration);
        services.AddSingleton(new TelemetrySettings(otlp, otlp?.Describe(configuration)));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME, when set, names the service instead.
                if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(node.Role == NodeRole.Seed ? "actorqueue-seed" : "actorqueue-node",
                        serviceVersion: typeof(JobTracing).Assembly.GetName().Version?.ToString());
                }
                resource.AddAttributes([new("aq.node.name", node.Name)]);
            })
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(JobTracing.SourceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(JobInstruments.MeterName, InferenceInstruments.MeterName, ClusterInstruments.MeterName);
                if (metrics is IDeferredMeterProviderBuilder deferred)
                {
                    deferred.Configure((provider, builder) =>
                    {
                        var own = provider.GetServices<IInstruments>().Select(area => area.Meter).ToHashSet();
                        builder.AddView(instrument => View(own, instrument));
                    });
                }
            });
        if (otlp is { Endpoint: { } endpoint })
        {
            telemetry.UseOtlpExporter(otlp.Protocol, endpoint);
        }
        else if (otlp is not null)
        {
            telemetry.UseOtlpExporter();
        }
        services.AddHostedService<TelemetryAnnouncer>();
        return services;
    }

    /// <summary>Drops the instruments of other engines' meters; gives duration histograms seconds buckets.</summary>
    internal static MetricStreamConfiguration? View(HashSet<Meter> own, Instrument instrument)
    {
        if (!own.Contains(instrument.Meter))
        {
            return MetricStreamConfiguration.Drop;
        }
        return instrument is Histogram<double> { Advice: null or { HistogramBucketBoundaries: null } }
            ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets }
            : null;
    }
}

/// <summary>The telemetry this process was configured with.</summary>
internal sealed record TelemetrySettings(OtlpSettings? Otlp, string? OtlpEndpoint);
