using System.Text.Json;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Cluster;

[Trait("Category", "Integration")]
public sealed class SeedLeaveTests
{
    [Fact]
    public async Task Asking_the_seed_to_leave_drains_it_and_the_process_exits_cleanly()
    {
        using var directory = new TempDirectory();
        await using var seed = await SeedProcess.StartAsync(directory.File("leave.db"));
        var self = JsonDocument.Parse(await seed.Http.GetStringAsync("/api/cluster")).RootElement.GetProperty("self").GetString();
        var job = await seed.Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":800}}""");
        await seed.Http.GetJobAsync(job.Id, wait: 0.2);

        using var response = await seed.Http.PostAsync($"/api/cluster/members/{self}/leave", null);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, await seed.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await using var again = await SeedProcess.StartAsync(directory.File("leave.db"));
        var after = await again.Http.GetJobAsync(job.Id);
        Assert.Equal(ActorQueue.Protocol.JobStateName.Completed, after.State);
        var members = JsonDocument.Parse(await again.Http.GetStringAsync("/api/cluster")).RootElement.GetProperty("members");
        Assert.DoesNotContain(members.EnumerateArray(), m => m.GetProperty("id").GetString() == self); // a member that left is not listed
    }
}
