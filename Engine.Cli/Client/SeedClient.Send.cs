using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

internal sealed partial class SeedClient
{
    private async Task<SeedAnswer<T>> SendAsync<T>(
        HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T> type, TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        string text;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            text = await response.Content.ReadAsStringAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SeedClientException(
                $"The seed at {settings.Display} did not answer {method} /{path} within {timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Problem(response, text);
            }

            try
            {
                var value = JsonSerializer.Deserialize(text, type)
                    ?? throw new JsonException("the answer was the JSON literal null");
                return new SeedAnswer<T>(value, text);
            }
            catch (JsonException ex)
            {
                throw new SeedClientException(
                    $"The seed at {settings.Display} answered {method} /{path} with JSON that aq cannot read: {ex.Message}", ex);
            }
        }
    }

    private SeedClientException Unreachable(HttpRequestException ex)
    {
        var socket = FindSocketError(ex);
        if (socket is SocketError.ConnectionRefused)
        {
            return new SeedUnreachableException(
                $"Could not connect to the seed at {settings.Display}: the connection was refused, so the seed is probably not running there (start it, or point --seed / AQ_SEED at the right address).", ex);
        }

        if (ex.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return new SeedUnreachableException(
                $"Could not resolve the host of the seed URL {settings.Display}; check --seed / AQ_SEED.", ex);
        }

        var reason = ex.InnerException?.Message ?? ex.Message;
        return new SeedClientException($"The request to the seed at {settings.Display} failed: {reason}", ex);
    }

    private static SocketError? FindSocketError(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }

    private static SeedRequestException Problem(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        ProblemView? problem = null;
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                problem = JsonSerializer.Deserialize(text, WireJsonContext.Default.ProblemView);
            }
            catch (JsonException)
            {
                // Not a problem document (a proxy's error page, say): fall back to the status line.
            }
        }

        var title = problem?.Title is { Length: > 0 } t ? t : Reason(response);
        return new SeedRequestException(status, title, problem?.Detail);
    }

    private static string Reason(HttpResponseMessage response) =>
        response.ReasonPhrase is { Length: > 0 } phrase ? phrase
        : Enum.IsDefined(response.StatusCode) ? response.StatusCode.ToString()
        : "HTTP error";
}
