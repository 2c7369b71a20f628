using System.Runtime.Serialization;
using System.Text;
using ActorQueue.Akka.Serialization;
using ActorQueue.Cluster;
using ActorQueue.Cluster.Commands;
using ActorQueue.Cluster.Directory;
using ActorQueue.Cluster.Signals;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Jobs;
using ActorQueue.Storage;
using Akka.Actor;
using Akka.Configuration;

namespace ActorQueue.Tests.Akka;

/// <summary>
/// Messages between members travel as JSON under stable names, through our serializer and never Akka's
/// default (Newtonsoft with CLR type names, which a rename would break).
/// </summary>
[Trait("Category", "Unit")]
public sealed class ClusterMessageSerializerTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly ActorSystem _system = ActorSystem.Create("serializer-test", ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.actorqueue = "{{typeof(ClusterMessageSerializer).AssemblyQualifiedName}}"
          serialization-bindings { "{{typeof(IClusterMessage).AssemblyQualifiedName}}" = actorqueue }
        }
        """));

    private static readonly IClusterMessage[] Messages =
    [
        new MemberCapabilities("127.0.0.1:4053-0000002a", "seed", "1.0.0", At, new Dictionary<string, int> { ["default"] = 4 }, new Dictionary<string, string> { ["echo"] = "default" },
            [new ModelRecord { Name = "colours", State = ModelRecord.Ready, Input = "pixels", InputShape = [-1, 3, 32, 32], Outputs = [new ModelOutputRecord("scores", [-1, 8])], MaxBatch = 4 }]),
        CapabilitiesRequest.Instance,
        new JobsAvailableHint("a", ["default", "image"]),
        new JobChangesHint("a", [new JobChange("job-1", "default", JobState.Completed, 2, At)]),
        new CancelRequestedHint("a", ["job-1"]),
        new ScheduleChangedHint("a"),
        new DatasetProgressHint("a", ["d-1"]),
        new NudgeDataset("d-1"),
        new JoinCluster("akka.tcp://actorqueue@seed:4053"),
        new JoinAnswer(false, "already a member"),
    ];

    public static TheoryData<IClusterMessage> Samples => [.. Messages];

    [Fact]
    public void Every_registered_message_type_has_a_sample_here()
    {
        var sampled = Messages.Select(message => message.GetType()).ToHashSet();
        Assert.All(ClusterMessageManifests.Entries, entry => Assert.Contains(entry.Type, sampled));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_message_goes_through_our_serializer_and_comes_back_equal(IClusterMessage message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<ClusterMessageSerializer>(serializer);

        var bytes = serializer.ToBinary(message);
        var manifest = ((ClusterMessageSerializer)serializer).Manifest(message);
        var back = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(Json(message), Json(back));
        Assert.DoesNotContain("ActorQueue", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_written_under_a_manifest_name_are_read_by_that_name_whatever_the_type_is_called()
    {
        var serializer = new ClusterMessageSerializer((ExtendedActorSystem)_system);
        var bytes = """{"origin":"node-a","queues":["default","image"]}"""u8.ToArray();

        var hint = Assert.IsType<JobsAvailableHint>(serializer.FromBinary(bytes, "jobs-available/1"));

        Assert.Equal("node-a", hint.Origin);
        Assert.Equal(["default", "image"], hint.Queues);
    }

    [Fact]
    public void A_message_of_a_kind_this_build_does_not_know_is_refused_with_a_sentence()
    {
        var serializer = new ClusterMessageSerializer((ExtendedActorSystem)_system);

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "jobs-teleported/1"));

        Assert.Contains("unknown kind 'jobs-teleported/1'", error.Message);
    }

    [Fact]
    public void Unreadable_bytes_are_refused_with_the_manifest_named()
    {
        var serializer = new ClusterMessageSerializer((ExtendedActorSystem)_system);

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{not json"u8.ToArray(), "jobs-available/1"));

        Assert.Contains("'jobs-available/1' message could not be read", error.Message);
    }

    private static string Json(object message) =>
        System.Text.Json.JsonSerializer.Serialize(message, ClusterMessageManifests.EntryOf(message.GetType())!.TypeInfo);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
