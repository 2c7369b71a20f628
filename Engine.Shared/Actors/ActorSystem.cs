using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Actors;

/// <summary>
/// A set of actors under <c>/user</c> sharing a <see cref="System.TimeProvider"/> (restart
/// backoff, restart window and ask timeouts are measured on it) and a logger.
/// </summary>
/// <remarks>
/// Caveats: delivery is in-process and at-most-once (a message in the mailbox of an actor that
/// stops is dropped, asks among them fail); stopping never interrupts a running handler, so
/// <see cref="StopAsync"/> and <see cref="DisposeAsync"/> wait for the current messages to finish
/// (handlers may watch <see cref="ActorContext.Stopping"/>).
/// </remarks>
public sealed class ActorSystem : IAsyncDisposable
{
    private const string UserRoot = "/user/";

    private readonly ConcurrentDictionary<string, IActorRef> _actors = new(StringComparer.Ordinal);
    private int _disposed;

    public ActorSystem(string name, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = loggerFactory?.CreateLogger("ActorQueue.Actors") ?? NullLogger.Instance;
    }

    /// <summary>Raised (on the failed actor's loop) when an actor exceeds its restart budget or its decider escalates.</summary>
    public event EventHandler<ActorEscalatedEventArgs>? Escalated;

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The clock for backoffs, restart windows and ask timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    /// <summary>Creates and starts an actor at <c>/user/{name}</c>; the name must be unique among running actors.</summary>
    public IActorRef ActorOf(Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ValidateName(name);
        var cell = new ActorCell(this, UserRoot + name, props, c => _actors.TryRemove(new(name, c)));
        Register(name, cell);
        cell.Start();
        return cell;
    }

    /// <summary>
    /// Creates a router in front of <paramref name="size"/> routees built from
    /// <paramref name="routeeProps"/> at <c>/user/{name}/0</c> … <c>/user/{name}/{size-1}</c>.
    /// With <paramref name="preferIdle"/> a message goes to the first idle routee from the
    /// rotation's position, and to the strict rotation when none is idle.
    /// </summary>
    public IActorRef RoundRobinPool(Props routeeProps, int size, string name, bool preferIdle = false)
    {
        ArgumentNullException.ThrowIfNull(routeeProps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ValidateName(name);
        var path = UserRoot + name;
        var routees = new ActorCell[size];
        for (var i = 0; i < size; i++)
        {
            routees[i] = new ActorCell(this, $"{path}/{i}", routeeProps, onTerminated: null);
        }

        var pool = new RoundRobinPool(name, path, routees, preferIdle);
        Register(name, pool);
        foreach (var routee in routees)
        {
            routee.Start();
        }

        return pool;
    }

    /// <summary>The routees of a pool made by <see cref="RoundRobinPool"/>, in rotation order.</summary>
    public IReadOnlyList<IActorRef> Routees(IActorRef pool) =>
        pool is RoundRobinPool router ? router.Routees : throw new ArgumentException($"{pool.Path} is not a pool.", nameof(pool));

    /// <summary>
    /// Stops an actor (or every routee of a pool) after its current message and waits until its
    /// PostStop has run. Messages still in the mailbox are not handled; asks among them fail with
    /// <see cref="ActorStoppedException"/>. From inside the actor's own handler it only requests the stop.
    /// </summary>
    public Task StopAsync(IActorRef actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        switch (actor)
        {
            case ActorCell cell when cell.System == this:
                return cell.StopAsync(cancellationToken);
            case RoundRobinPool pool when pool.Cells[0].System == this:
                return StopPoolAsync(pool, cancellationToken);
            default:
                throw new ArgumentException($"{actor.Path} does not belong to actor system {Name}.", nameof(actor));
        }
    }

    /// <summary>Restarts of the actor so far (summed over the routees for a pool).</summary>
    public int RestartCount(IActorRef actor) => actor switch
    {
        ActorCell cell => cell.RestartCount,
        RoundRobinPool pool => pool.Cells.Sum(c => c.RestartCount),
        _ => throw new ArgumentException($"{actor.Path} is not a local actor.", nameof(actor)),
    };

    /// <summary>Stops every actor, each after its current message, and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_actors.Values.ToArray().Select(a => StopAsync(a)));
    }

    internal void OnEscalated(ActorCell cell, Exception cause, int restarts)
    {
        ActorLog.ActorEscalated(Logger, cell.Path, restarts, cause);
        try
        {
            Escalated?.Invoke(this, new ActorEscalatedEventArgs(cell, cause, restarts));
        }
        catch (Exception ex)
        {
            ActorLog.EscalatedHandlerFailed(Logger, cell.Path, ex);
        }
    }

    private async Task StopPoolAsync(RoundRobinPool pool, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(pool.Cells.Select(c => c.StopAsync(cancellationToken)));
        }
        finally
        {
            _actors.TryRemove(new(pool.Name, pool));
        }
    }

    private void Register(string name, IActorRef actor)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_actors.TryAdd(name, actor))
        {
            throw new ArgumentException($"An actor named '{name}' already exists in {UserRoot}.", nameof(name));
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Actor name '{name}' must not contain '/'.", nameof(name));
        }
    }
}
