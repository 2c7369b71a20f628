using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorQueue.Protocol;
using ActorQueue.Seed.Gateway;
using ActorQueue.Seed.Startup;

namespace ActorQueue.Seed.Tcp;

/// <summary>Answers one TCP request line. Authentication is applied before the next line is read.</summary>
internal sealed class TcpRequestHandler(JobGateway gateway, DatasetGateway datasets, SeedSettings settings)
{
    private readonly byte[]? _tokenHash = settings.ApiToken is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(settings.ApiToken));

    public Task<TcpResponse> HandleAsync(byte[] line, TcpSession session, CancellationToken cancellationToken)
    {
        TcpRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, WireJsonContext.Default.TcpRequest);
        }
        catch (JsonException exception)
        {
            return Task.FromResult(Error($"Malformed request: {Api.RequestJson.Describe(exception)}"));
        }
        if (request?.Op is not { Length: > 0 } op)
        {
            return Task.FromResult(Error("Every request needs an op: ping, auth, submit, get or rows."));
        }
        if (op == "ping")
        {
            return Task.FromResult(new TcpResponse { Ok = true, Op = "pong" });
        }
        if (op == "auth")
        {
            return Task.FromResult(Authenticate(request, session));
        }
        if (_tokenHash is not null && !session.Authenticated)
        {
            return Task.FromResult(Error("Authenticate first: send {\"op\":\"auth\",\"token\":\"…\"}."));
        }
        return op switch
        {
            "submit" => Guard(() => SubmitAsync(request, cancellationToken)),
            "get" => Guard(() => GetAsync(request, cancellationToken)),
            "rows" => Guard(() => AppendRowsAsync(request, cancellationToken)),
            _ => Task.FromResult(Error($"Unknown op '{op}'; use ping, auth, submit, get or rows.")),
        };
    }

    private TcpResponse Authenticate(TcpRequest request, TcpSession session)
    {
        if (_tokenHash is null)
        {
            session.Authenticated = true;
            return new TcpResponse { Ok = true, Op = "auth" };
        }
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(request.Token ?? string.Empty));
        session.Authenticated = CryptographicOperations.FixedTimeEquals(presented, _tokenHash);
        return session.Authenticated ? new TcpResponse { Ok = true, Op = "auth" } : Error("Wrong token.");
    }

    private async Task<TcpResponse> SubmitAsync(TcpRequest request, CancellationToken cancellationToken)
    {
        var submitted = await gateway.SubmitAsync(request.Job, SubmitOrigin.Tcp(request.TraceParent), cancellationToken);
        return new TcpResponse { Ok = true, Id = submitted.Id, State = submitted.State, TraceId = submitted.TraceId };
    }

    private async Task<TcpResponse> GetAsync(TcpRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Id))
        {
            return Error("get needs an id.");
        }
        if (request.Wait is < 0 or double.NaN || request.Wait > JobGateway.MaxWait.TotalSeconds)
        {
            return Error($"wait must be a number of seconds from 0 to {JobGateway.MaxWait.TotalSeconds}.");
        }
        var wait = request.Wait is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return new TcpResponse { Ok = true, Job = await gateway.GetAsync(request.Id, wait, cancellationToken) };
    }

    private async Task<TcpResponse> AppendRowsAsync(TcpRequest request, CancellationToken cancellationToken)
    {
        var appended = await datasets.AppendAsync(request.Dataset, request.Rows, request.FirstSeq, cancellationToken);
        return new TcpResponse { Ok = true, Accepted = appended.Accepted, LastSeq = appended.LastSeq };
    }

    private static async Task<TcpResponse> Guard(Func<Task<TcpResponse>> work)
    {
        try
        {
            return await work();
        }
        catch (RequestRejectedException rejected)
        {
            return Error(rejected.Detail);
        }
        catch (OperationCanceledException)
        {
            return Error("The seed is shutting down.");
        }
        catch (Exception exception)
        {
            return Error($"The seed failed to handle this request: {exception.Message}");
        }
    }

    public static TcpResponse Error(string message) => new() { Ok = false, Error = message };
}
