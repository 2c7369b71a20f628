using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Hosting;

/// <summary>
/// How this process ends when the cluster, not the user, decides it: downed by the split-brain resolver,
/// removed while it could not hear, or fenced by the ledger. It stops the host and the executable exits
/// with <see cref="ExitCode"/> 1, so that a supervisor (systemd, Docker) restarts it as a new member.
/// </summary>
public sealed class NodeExit(IHostApplicationLifetime lifetime, ILogger<NodeExit> logger)
{
    private int _exitCode;

    /// <summary>0 unless the cluster removed this member; then 1.</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>The ledger refused this member's work: another member took its jobs.</summary>
    public void Fenced(string reason) => Stop(reason);

    /// <summary>Akka downed or quarantined this member.</summary>
    public void Removed(string reason) => Stop(reason);

    /// <summary>A worker node found no member to join in time.</summary>
    public void CouldNotJoin(string reason) => Stop(reason);

    private void Stop(string reason)
    {
        if (Interlocked.Exchange(ref _exitCode, 1) == 0)
        {
            HostingLog.RemovedFromCluster(logger, reason);
            lifetime.StopApplication();
        }
    }
}
