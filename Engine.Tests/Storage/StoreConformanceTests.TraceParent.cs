using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Storage;

/// <summary>The submitter's trace context travels with the job through the ledger to the node that claims it.</summary>
public abstract partial class StoreConformanceTests
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public async Task A_jobs_traceparent_is_kept_and_handed_to_the_node_that_claims_it()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo() with { TraceParent = TraceParent }, None);

        Assert.Equal(TraceParent, (await GetAsync(submitted.Id)).TraceParent);
        Assert.Equal(TraceParent, (await ClaimOneAsync()).TraceParent);
    }

    [Fact]
    public async Task A_batch_keeps_each_jobs_traceparent_and_a_job_without_one_has_none()
    {
        const string other = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
        var submitted = await Store.SubmitBatchAsync(
            [Submissions.Echo() with { TraceParent = TraceParent }, Submissions.Echo() with { TraceParent = other }, Submissions.Echo()], None);

        var jobs = await Task.WhenAll(submitted.Select(s => GetAsync(s.Id)));
        Assert.Equal([TraceParent, other, null], jobs.Select(j => j.TraceParent));
        var claimed = await Store.ClaimAsync("default", "node-a", 3, None);
        Assert.Equal([TraceParent, other, null], submitted.Select(s => claimed.Single(c => c.Id == s.Id).TraceParent));
    }
}
