using System.Diagnostics.Metrics;

namespace ActorQueue.Metrics;

/// <summary>An area's meters. <see cref="PrometheusExporter"/> exports exactly the meters of the areas it is given, so two engines in one process never mix their numbers.</summary>
public interface IInstruments
{
    Meter Meter { get; }
}
