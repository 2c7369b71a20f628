using System.Globalization;
using ActorQueue.Datasets;
using ActorQueue.Inference.Batching;

namespace ActorQueue.Akka;

/// <summary>
/// The HOCON Akka.Hosting has no option for, in one place (a test reads it back). Everything else is set
/// through the Hosting builders in <see cref="ActorSystemServiceCollectionExtensions"/>.
/// </summary>
internal static class ActorQueueHocon
{
    public static string For(AkkaNodeSettings settings)
    {
        var timings = settings.Timings;
        // The drain of running jobs happens in this phase, before the member leaves the cluster, so that its
        // jobs are never rescued while it still runs them; the rest is the hand-back of what did not finish.
        var drain = settings.DrainTimeout + TimeSpan.FromSeconds(15);
        return $$"""
            akka {
              loglevel = INFO
              # What Akka logs after the host's loggers have stopped (the last lines of a shutdown) goes to its
              # minimal logger, which would write it to standard output in Akka's own format and break a
              # --log-format json stream: ours writes only warnings and errors, to standard error.
              stdout-loglevel = WARNING
              stdout-logger-class = "{{StandardErrorMinimalLogger.TypeName}}"
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor {
                # Every message that crosses the network is an IClusterMessage (our serializer) or Akka's own;
                # a message with no binding must fail loudly instead of going out as Newtonsoft JSON.
                serialize-messages = off
              }
              remote {
                # Tell the user about a member that cannot be reached, not about every retry.
                log-remote-lifecycle-events = off
              }
              cluster {
                seed-node-timeout = {{Seconds(timings.SeedNodeTimeoutSeconds)}}
                # How long after a member is removed its singletons and shards start elsewhere (Akka's default with the
                # split-brain resolver: stable-after). The margin lets a downed side stop what it runs first; here
                # nothing it could still write is trusted (claims are fenced by the ledger, dataset steps by the
                # journal's sequence numbers), so a dead worker's datasets restart half a second after its removal.
                down-removal-margin = 500ms
                # The leader moves members (joining → up, down and exiting → removed) on this tick: a quarter
                # of Akka's 1 s gets a lone seed up, and a downed member's removal done, sooner. The first tick
                # comes after 100 ms instead of 1 s for the same reason.
                leader-actions-interval = 250ms
                periodic-tasks-initial-delay = 100ms
                # WeaklyUp would let a member start work before every other member has seen it join; the
                # rescue singleton relies on "not a member" meaning "not running anything".
                allow-weakly-up-members = off
                run-coordinated-shutdown-when-down = on
                log-info-verbose = off
                failure-detector {
                  heartbeat-interval = {{Seconds(timings.HeartbeatIntervalSeconds)}}
                  acceptable-heartbeat-pause = {{Seconds(timings.AcceptableHeartbeatPauseSeconds)}}
                  expected-response-after = {{Seconds(timings.HeartbeatIntervalSeconds)}}
                }
                split-brain-resolver {
                  stable-after = {{Seconds(timings.StableAfterSeconds)}}
                  # Akka downs every member when no decision is taken within stable-after plus this (by default
                  # 3/4 of stable-after, at least 4 s). A minority side decides later than a majority: it waits
                  # acquire-lease-delay-for-minority, then for the ledger's lease (up to its 5 s operation
                  # timeout). With the default the survivor of a dead seed and a dead worker downed itself
                  # whenever taking the lease was slower than 2 s; this leaves the whole lease path room.
                  down-all-when-unstable = {{Seconds(Math.Max(1, timings.StableAfterSeconds) + 5 + 2)}}
                  lease-majority {
                    acquire-lease-delay-for-minority = {{Seconds(Math.Max(1, timings.StableAfterSeconds))}}
                    release-after = 40s
                  }
                }
                singleton {
                  # Hand the duties over quickly when their member is gone.
                  hand-over-retry-interval = 500ms
                }
              }
              coordinated-shutdown {
                # The host decides when the process ends (and with which exit code), not Akka.
                exit-clr = off
                phases {
                  service-requests-done.timeout = {{Seconds(drain.TotalSeconds)}}
                }
              }
            }
            {{InferenceDispatcher.Hocon}}
            """;
    }

    /// <summary>
    /// The dataset entities' sharding and persistence settings that Akka.Hosting has no option for. Sharding's
    /// rebalance interval (how often the coordinator moves shards to a node that joined); the journal and snapshot
    /// store started with the actor system on a worker (so the first entity does not wait for their tables), and,
    /// on the embedded SQLite journal, one write at a time (SQLite has one writer per file).
    /// </summary>
    public static string Datasets(DatasetOptions options, bool worker, bool embeddedJournal) =>
        $$"""
            akka.cluster.sharding {
              rebalance-interval = {{Seconds(options.RebalanceIntervalSeconds)}}
            }
            {{(worker ? """
            akka.persistence.journal.auto-start-journals = ["akka.persistence.journal.sql"]
            akka.persistence.snapshot-store.auto-start-snapshot-stores = ["akka.persistence.snapshot-store.sql"]
            """ : "")}}
            {{(worker && embeddedJournal ? "akka.persistence.journal.sql.parallelism = 1" : "")}}
            """;

    private static string Seconds(double seconds) =>
        ((long)Math.Round(seconds * 1000)).ToString(CultureInfo.InvariantCulture) + "ms";
}
