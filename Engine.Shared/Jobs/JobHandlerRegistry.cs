using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Jobs;

/// <summary>Knows every registered kind and its default queue, and resolves handlers from a scope.</summary>
internal sealed class JobHandlerRegistry
{
    private readonly Dictionary<string, JobHandlerRegistration> _byKind;

    public JobHandlerRegistry(IEnumerable<JobHandlerRegistration> registrations)
    {
        _byKind = new Dictionary<string, JobHandlerRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!_byKind.TryAdd(registration.Kind, registration))
            {
                throw new InvalidOperationException($"Two job handlers are registered for kind '{registration.Kind}'.");
            }
        }
    }

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    public bool IsKnown(string kind) => _byKind.ContainsKey(kind);

    public string DefaultQueueOf(string kind) =>
        _byKind.TryGetValue(kind, out var registration) ? registration.DefaultQueue : JobDefaults.Queue;

    /// <summary>The handler for <paramref name="kind"/> from <paramref name="scope"/>, or null for an unknown kind.</summary>
    public IJobHandler? Resolve(IServiceProvider scope, string kind) =>
        _byKind.TryGetValue(kind, out var registration)
            ? (IJobHandler)scope.GetRequiredService(registration.HandlerType)
            : null;
}

/// <summary>One registered kind; added to DI by <see cref="JobServiceCollectionExtensions.AddJobHandler{THandler}"/>.</summary>
public sealed record JobHandlerRegistration(string Kind, string DefaultQueue, Type HandlerType);
