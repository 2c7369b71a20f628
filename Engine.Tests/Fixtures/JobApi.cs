using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Typed calls to the seed's job API, for tests.</summary>
internal static class JobApi
{
    public static async Task<SubmitJobResponse> SubmitAsync(this HttpClient http, string json)
    {
        using var response = await http.PostAsync("/api/jobs", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitJobResponse))!;
    }

    /// <summary>Submits jobs (each a JSON submission) in one <c>POST /api/jobs/batch</c>.</summary>
    public static async Task<SubmitBatchResponse> SubmitBatchAsync(this HttpClient http, IEnumerable<string> jobs)
    {
        using var response = await http.PostAsync("/api/jobs/batch", new StringContent($"{{\"jobs\":[{string.Join(',', jobs)}]}}", Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitBatchResponse))!;
    }

    public static async Task<JobView> GetJobAsync(this HttpClient http, string id, double? wait = null)
    {
        var url = wait is null ? $"/api/jobs/{id}" : $"/api/jobs/{id}?wait={wait.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.JobView))!;
    }

    /// <summary>Waits (server side, no polling) until the job is final, failing the test after 20 s.</summary>
    public static async Task<JobView> WaitFinalAsync(this HttpClient http, string id)
    {
        var job = await http.GetJobAsync(id, wait: 20);
        Assert.True(job.State is JobStateName.Completed or JobStateName.Discarded or JobStateName.Cancelled, $"job {id} is still {job.State} after 20 s");
        return job;
    }

    public static async Task<ProblemView> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), WireJsonContext.Default.ProblemView)!;
    }
}
