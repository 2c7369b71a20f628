using System.Diagnostics.Metrics;

namespace ActorQueue.Metrics;

/// <summary>
/// An area's meters. The process's meter provider exports exactly the meters of the areas registered in its own
/// services (see <c>TelemetryServiceCollectionExtensions</c>), so two engines in one process never mix their numbers.
/// </summary>
public interface IInstruments
{
    Meter Meter { get; }
}
