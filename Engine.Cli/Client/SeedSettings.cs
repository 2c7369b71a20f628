namespace ActorQueue.Cli.Client;

/// <summary>Where the seed is and how to authenticate; <see cref="Display"/> is the URL as the user gave it.</summary>
internal sealed record SeedSettings(Uri BaseAddress, string Display, string? Token)
{
    /// <summary>Parses an absolute http(s) URL; returns null when <paramref name="text"/> is not one.</summary>
    public static SeedSettings? TryCreate(string text, string? token)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        // Relative request paths ("api/jobs") resolve under the base only when it ends with '/',
        // so a seed behind a path prefix (http://host/aq) keeps its prefix.
        var baseAddress = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new SeedSettings(baseAddress, text.Trim().TrimEnd('/'), string.IsNullOrEmpty(token) ? null : token);
    }
}
