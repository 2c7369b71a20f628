using ActorQueue.Akka;
using ActorQueue.Cluster.Leases;
using ActorQueue.Tests.Fixtures;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Akka;

/// <summary>The cluster's timings and the split-brain resolver are what the README promises, in the running system.</summary>
[Trait("Category", "Integration")]
public sealed class ActorQueueHoconTests
{
    private static AkkaNodeSettings Settings(ClusterTimingOptions timings, TimeSpan drain) =>
        AkkaNodeSettings.From(new AkkaOptions(), timings, [AkkaNodeSettings.WorkerRole], defaultPort: 0, drain);

    [Fact]
    public void The_failure_detector_and_the_resolver_act_within_seconds_not_akkas_twenty()
    {
        var config = ConfigurationFactory.ParseString(ActorQueueHocon.For(Settings(new ClusterTimingOptions(), TimeSpan.FromSeconds(30))));

        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.cluster.seed-node-timeout"));
        Assert.False(config.GetBoolean("akka.cluster.allow-weakly-up-members"));
        Assert.True(config.GetBoolean("akka.cluster.run-coordinated-shutdown-when-down"));
    }

    [Fact]
    public void Running_jobs_get_their_drain_time_before_the_member_leaves()
    {
        var config = ConfigurationFactory.ParseString(ActorQueueHocon.For(Settings(new ClusterTimingOptions(), TimeSpan.FromSeconds(42))));

        Assert.Equal(TimeSpan.FromSeconds(57), config.GetTimeSpan("akka.coordinated-shutdown.phases.service-requests-done.timeout"));
        Assert.False(config.GetBoolean("akka.coordinated-shutdown.exit-clr"));
    }

    [Fact]
    public void A_setting_out_of_range_is_refused_with_its_key()
    {
        var error = Assert.Throws<AkkaSettingsException>(() => Settings(new ClusterTimingOptions { StableAfterSeconds = 0 }, TimeSpan.Zero));

        Assert.Equal("Cluster:StableAfterSeconds is 0; it must be from 0.1 to 600 seconds.", error.Message);
    }

    [Fact]
    public async Task The_running_cluster_resolves_splits_with_lease_majority_on_the_ledger_lease()
    {
        await using var seed = await SeedServer.StartAsync();
        var config = seed.Services.GetRequiredService<ActorSystem>().Settings.Config;

        Assert.Equal("lease-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        var lease = config.GetString("akka.cluster.split-brain-resolver.lease-majority.lease-implementation");
        Assert.Equal(typeof(LedgerLease).AssemblyQualifiedName, config.GetString($"{lease}.lease-class"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan($"{lease}.heartbeat-timeout"));
    }
}
