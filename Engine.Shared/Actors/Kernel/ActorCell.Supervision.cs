namespace ActorQueue.Actors;

/// <summary>
/// Incarnations and fault handling: building an instance, applying the decider, restarting with
/// backoff inside the restart budget, escalating when it is spent. Runs only on the cell's loop.
/// </summary>
internal sealed partial class ActorCell
{
    private SupervisorStrategy Strategy => _props.Supervisor;

    /// <summary>Builds and starts a new instance; returns the failure instead of throwing it.</summary>
    private async Task<Exception?> StartIncarnationAsync()
    {
        try
        {
            var actor = CreateInstance();
            actor.Attach(_context);
            _actor = actor;
            await actor.PreStartAsync();
            return null;
        }
        catch (Exception ex)
        {
            // An instance whose PreStart threw still gets its PostStop, so that resources taken
            // in its constructor are released.
            await StopIncarnationAsync();
            return ex;
        }
    }

    private Actor CreateInstance()
    {
        ActorContext.Constructing = _context;
        try
        {
            return _props.Factory() ?? throw new InvalidOperationException($"The Props factory of {Path} returned null.");
        }
        finally
        {
            ActorContext.Constructing = null;
        }
    }

    /// <summary>Ends the current incarnation, if any: PostStop runs exactly once per instance.</summary>
    private async Task StopIncarnationAsync()
    {
        var actor = _actor;
        if (actor is null)
        {
            return;
        }

        _actor = null;
        try
        {
            await actor.PostStopAsync();
        }
        catch (Exception ex)
        {
            ActorLog.ActorPostStopFailed(_logger, Path, ex);
        }
    }

    private async Task HandleFailureAsync(Exception failure)
    {
        switch (Decide(failure))
        {
            case SupervisorDirective.Resume:
                ActorLog.ActorResumed(_logger, Path, failure);
                return;
            case SupervisorDirective.Restart:
                await StopIncarnationAsync();
                await RestartAsync(failure);
                return;
            case SupervisorDirective.Stop:
                ActorLog.ActorStoppedBySupervisor(_logger, Path, failure);
                RequestStop();
                return;
            default:
                _escalation = failure;
                RequestStop();
                return;
        }
    }

    private SupervisorDirective Decide(Exception failure)
    {
        try
        {
            return Strategy.Decider(failure);
        }
        catch (Exception ex)
        {
            ActorLog.ActorDeciderFailed(_logger, Path, ex);
            return SupervisorDirective.Escalate;
        }
    }

    /// <summary>
    /// Restarts until an incarnation starts, the budget is spent (stop and escalate) or a stop is
    /// requested during the backoff. The previous incarnation has already been stopped.
    /// </summary>
    private async Task RestartAsync(Exception cause)
    {
        while (true)
        {
            if (!_budget.TryBeginRestart(out var backoff))
            {
                _escalation = cause;
                RequestStop();
                return;
            }

            ActorLog.ActorRestarted(_logger, Path, _budget.TotalRestarts, (long)backoff.TotalMilliseconds, cause);

            // ForceYielding: a stop that cancels the delay must not run the rest of this loop
            // inline on the stopping thread, inside CancellationTokenSource.Cancel.
            await Task.Delay(backoff, _system.TimeProvider, _stopping.Token)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
            if (IsStopping || await StartIncarnationAsync() is not { } failure)
            {
                return;
            }

            cause = failure;
        }
    }
}
