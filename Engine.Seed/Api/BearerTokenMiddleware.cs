using System.Security.Cryptography;
using System.Text;

namespace ActorQueue.Seed.Api;

/// <summary>
/// When an API token is configured, every <c>/api</c> and <c>/metrics</c> request must carry
/// <c>Authorization: Bearer TOKEN</c>; <c>/healthz</c> stays open for health checks.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, byte[] token)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/metrics"))
        {
            await next(context);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.WriteAsync(context, 401, "Token required", "This seed requires a token: send Authorization: Bearer TOKEN (aq: --token or AQ_TOKEN).");
            return;
        }
        if (!Matches(header["Bearer ".Length..].Trim()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await Problems.WriteAsync(context, 401, "Wrong token", "The bearer token does not match the seed's --api-token.");
            return;
        }
        await next(context);
    }

    private bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(token));
}
