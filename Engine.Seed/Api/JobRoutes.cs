using System.Globalization;
using System.Text.Json;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Seed.Api.Docs;
using ActorQueue.Seed.Gateway;

namespace ActorQueue.Seed.Api;

/// <summary>The <c>/api/jobs</c> and <c>/api/dlq</c> routes of the contract.</summary>
internal static class JobRoutes
{
    public static IEndpointRouteBuilder MapJobRoutes(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs");
        jobs.MapPost("/", SubmitAsync)
            .WithSummary("Submit a job")
            .WithDescription("Validates, stores and commits the job, then answers 202 with its id. An unknown kind, queue or field is a 400. "
                + "A traceparent header makes the job's trace a child of the caller's; the answer names the trace id. An existing uniqueKey answers the job that holds it.")
            .WithBody<SubmitJobRequest>("application/json")
            .Produces<SubmitJobResponse>(StatusCodes.Status202Accepted)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);
        jobs.MapPost("/batch", SubmitBatchAsync)
            .WithSummary("Submit up to 10,000 jobs at once")
            .WithDescription("All the jobs are accepted in one transaction, or none are (the 400 names the first bad one).")
            .WithBody<SubmitBatchRequest>("application/json")
            .Produces<SubmitBatchResponse>(StatusCodes.Status202Accepted)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);
        jobs.MapGet("/", ListAsync)
            .WithSummary("List jobs, newest first")
            .WithQuery("state", "Only jobs in this state: available, scheduled, running, retryable, completed, discarded or cancelled.")
            .WithQuery("queue", "Only jobs of this queue.")
            .WithQuery("kind", "Only jobs of this kind.")
            .WithQuery("limit", "Jobs per page, 1 to 1000 (default 50).", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("after", "The next value of the previous page: the page after it.")
            .Produces<JobListResponse>()
            .WithProblems(StatusCodes.Status400BadRequest);
        jobs.MapGet("/{id}", GetAsync)
            .WithSummary("Get a job")
            .WithDescription("The job with its attempts' errors, its result and its trace id. With wait, answers as soon as the job is completed, discarded or cancelled, or when the time is up.")
            .WithPathDescription("id", "The job's id.")
            .WithQuery("wait", "Seconds to wait for a final state (decimals allowed, at most 300).", Microsoft.OpenApi.JsonSchemaType.Number)
            .Produces<JobView>()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        jobs.MapGet("/{id}/events", JobEventStream.StreamAsync)
            .WithSummary("Follow a job's state changes")
            .WithDescription("Server-Sent Events: the current state, then one event per change (the event name is the state), ending at a final state.")
            .WithPathDescription("id", "The job's id.")
            .Produces<JobEventView>(StatusCodes.Status200OK, "text/event-stream")
            .WithProblems(StatusCodes.Status404NotFound);
        jobs.MapPost("/{id}/cancel", CancelAsync)
            .WithSummary("Cancel a job")
            .WithDescription("A waiting job is cancelled at once; a running one is asked to stop (its handler's token fires).")
            .WithPathDescription("id", "The job's id.")
            .Produces<JobView>()
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        jobs.MapPost("/{id}/retry", RetryAsync)
            .WithSummary("Re-drive a discarded or cancelled job")
            .WithDescription("Puts the job back to available with a fresh set of attempts (attempt back to 0; its errors are kept): the dead-letter queue's re-drive.")
            .WithPathDescription("id", "The job's id.")
            .Produces<JobView>()
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        app.MapPost("/api/dlq/retry", RetryAllAsync)
            .WithTags("Jobs")
            .WithSummary("Re-drive every discarded job")
            .WithDescription("Each with a fresh set of attempts. With limit, at most that many, oldest first; remaining says how many are left.")
            .WithQuery("limit", $"At most this many jobs (1 to {JobGateway.MaxRetryLimit}).", Microsoft.OpenApi.JsonSchemaType.Integer)
            .Produces<RetryAllResponse>()
            .WithProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>
    /// <c>202 {id, state, enqueuedAt, existing}</c>; with <c>?wait=S</c>, like <c>/api/images</c> and
    /// <c>/api/classify</c>: <c>200</c> with the finished job when it is final within S, else <c>202</c> with the job as it is.
    /// </summary>
    private static async Task<IResult> SubmitAsync(HttpRequest request, JobGateway gateway)
    {
        var wait = Seconds(request.Query["wait"], "wait");
        var body = await RequestJson.ReadAsync(request, WireJsonContext.Default.SubmitJobRequest);
        var aborted = request.HttpContext.RequestAborted;
        var response = await gateway.SubmitAsync(body, aborted);
        if (wait is null)
        {
            return Results.Json(response, WireJson.Info<SubmitJobResponse>(), statusCode: StatusCodes.Status202Accepted);
        }
        return Submitted(request.HttpContext, await gateway.GetAsync(response.Id, wait, aborted), wait);
    }

    /// <summary><c>202 {ids}</c>; with <c>?wait=S</c>, <c>200 {ids, jobs}</c> when every job is final within S, else <c>202 {ids, jobs}</c>.</summary>
    private static async Task<IResult> SubmitBatchAsync(HttpRequest request, JobGateway gateway)
    {
        var wait = Seconds(request.Query["wait"], "wait");
        var body = await RequestJson.ReadAsync(request, WireJsonContext.Default.SubmitBatchRequest);
        var aborted = request.HttpContext.RequestAborted;
        var response = await gateway.SubmitBatchAsync(body, aborted);
        var status = StatusCodes.Status202Accepted;
        if (wait is { } budget)
        {
            var jobs = await gateway.GetAllAsync(response.Ids, budget, aborted);
            response = response with { Jobs = jobs };
            status = jobs.All(IsFinal) ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;
        }
        return Results.Json(response, WireJson.Info<SubmitBatchResponse>(), statusCode: status);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, JobGateway gateway)
    {
        var wait = Seconds(request.Query["wait"], "wait");
        var job = await gateway.GetAsync(id, wait, request.HttpContext.RequestAborted);
        return Results.Json(job, WireJson.Info<JobView>());
    }

    private static async Task<IResult> ListAsync(HttpRequest request, JobGateway gateway)
    {
        var query = request.Query;
        JobState? state = null;
        if (query["state"].ToString() is { Length: > 0 } stateText)
        {
            state = JobStates.TryParse(stateText, out var parsed)
                ? parsed
                : throw RequestRejectedException.Invalid($"state '{stateText}' is not a job state; use one of {string.Join(", ", JobStates.All.Select(s => s.ToWire()))}.");
        }
        var limit = 50;
        if (query["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > 1000))
        {
            throw RequestRejectedException.Invalid($"limit must be a whole number from 1 to 1000, not '{limitText}'.");
        }
        var page = await gateway.ListAsync(new JobQuery
        {
            State = state,
            Queue = Optional(query["queue"]),
            Kind = Optional(query["kind"]),
            Limit = limit,
            After = Optional(query["after"]),
        }, request.HttpContext.RequestAborted);
        return Results.Json(page, WireJson.Info<JobListResponse>());
    }

    private static async Task<IResult> CancelAsync(string id, JobGateway gateway, HttpContext context) =>
        Results.Json(await gateway.CancelAsync(id, context.RequestAborted), WireJson.Info<JobView>());

    private static async Task<IResult> RetryAsync(string id, JobGateway gateway, HttpContext context) =>
        Results.Json(await gateway.RetryAsync(id, context.RequestAborted), WireJson.Info<JobView>());

    /// <summary>Re-drives the dead-letter queue: all of it, or with <c>?limit=N</c> at most N jobs, oldest first.</summary>
    private static async Task<IResult> RetryAllAsync(JobGateway gateway, HttpContext context)
    {
        if (context.Request.Query["limit"].ToString() is not { Length: > 0 } text)
        {
            return Results.Json(await gateway.RetryAllDiscardedAsync(context.RequestAborted), WireJson.Info<RetryAllResponse>());
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > JobGateway.MaxRetryLimit)
        {
            throw RequestRejectedException.Invalid($"limit must be a whole number from 1 to {JobGateway.MaxRetryLimit}, not '{text}'.");
        }
        return Results.Json(await gateway.RetryDiscardedAsync(limit, context.RequestAborted), WireJson.Info<RetryAllResponse>());
    }

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString() is { Length: > 0 } text ? text : null;

    /// <summary>
    /// The answer of a route that starts a job from an upload: <c>200</c> with the job when it is final and the
    /// request waited, otherwise <c>202</c>; <c>Location</c> names the job either way.
    /// </summary>
    internal static IResult Submitted(HttpContext context, JobView job, TimeSpan? wait)
    {
        context.Response.Headers.Location = "/api/jobs/" + Uri.EscapeDataString(job.Id);
        return Results.Json(job, WireJson.Info<JobView>(), statusCode: IsFinal(job) && wait is not null ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    private static bool IsFinal(JobView job) => job.State is JobStateName.Completed or JobStateName.Discarded or JobStateName.Cancelled;

    /// <summary>A <c>?wait=SECONDS</c> value (decimals allowed), or null when absent.</summary>
    internal static TimeSpan? Seconds(Microsoft.Extensions.Primitives.StringValues value, string name)
    {
        var text = value.ToString();
        if (text.Length == 0)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || double.IsNaN(seconds) || seconds > JobGateway.MaxWait.TotalSeconds)
        {
            throw RequestRejectedException.Invalid($"{name} must be a number of seconds from 0 to {JobGateway.MaxWait.TotalSeconds}, not '{text}'.");
        }
        return TimeSpan.FromSeconds(seconds);
    }
}

/// <summary><c>GET /api/jobs/{id}/events</c>: one Server-Sent Event per state change, ending at a final state.</summary>
internal static class JobEventStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(string id, HttpContext context, ActorQueue.Storage.IStore store)
    {
        var aborted = context.RequestAborted;
        using var watch = store.Signals.Watch(id);
        var job = await store.GetAsync(id, aborted) ?? throw RequestRejectedException.NotFound(id);

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var first = new JobEventView(job.Id, JobViews.Wire(job.State), job.Attempt, job.CompletedAt ?? job.StartedAt ?? job.EnqueuedAt);
        await WriteAsync(context, job.State.IsFinal() ? WithOutcome(first, job) : first);
        var lastState = job.State;
        while (!lastState.IsFinal())
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            beat.CancelAfter(KeepAlive);
            try
            {
                var change = await watch.Changes.ReadAsync(beat.Token);
                lastState = change.State;
                var view = new JobEventView(change.JobId, JobViews.Wire(change.State), change.Attempt, change.At);
                if (change.State.IsFinal())
                {
                    // The last event carries what the client is waiting for, read after the commit that made it final.
                    view = await store.GetAsync(id, aborted) is { } final ? WithOutcome(view, final) : view;
                }
                await WriteAsync(context, view);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync(": keep-alive\n\n", aborted);
                await context.Response.Body.FlushAsync(aborted);
            }
        }
    }

    private static JobEventView WithOutcome(JobEventView view, ActorQueue.Jobs.Job job)
    {
        var full = JobViews.From(job);
        return view with { Result = full.Result, Errors = full.Errors };
    }

    private static async Task WriteAsync(HttpContext context, JobEventView view)
    {
        var data = JsonSerializer.Serialize(view, WireJson.Info<JobEventView>());
        await context.Response.WriteAsync($"event: {view.State.ToString().ToLowerInvariant()}\ndata: {data}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
