using ActorQueue.Hosting;
using Akka.Actor;
using Microsoft.Extensions.Hosting;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorQueue.Akka;

/// <summary>
/// Holds the host's start until this member is up in the cluster, so that everything started after it (the
/// TCP listener, the dataset region, the inference pool) runs on a member with its id and its place in the
/// cluster. A worker that cannot join in <c>Cluster:JoinTimeoutSeconds</c> stops (exit code 1) with the
/// sentence <see cref="NodeExit"/> logs; a seed always gets up, alone if nobody answers.
/// </summary>
internal sealed class MemberUpGate(ActorSystem system, AkkaNodeSettings settings, NodeExit exit, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AkkaCluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        var timeout = TimeSpan.FromSeconds(settings.Timings.JoinTimeoutSeconds + settings.Timings.SeedNodeTimeoutSeconds);
        try
        {
            await up.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            exit.CouldNotJoin($"this member was not up in the cluster after {timeout.TotalSeconds:0} s");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
