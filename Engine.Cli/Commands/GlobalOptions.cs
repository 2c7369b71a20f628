using System.CommandLine;
using ActorQueue.Cli.Client;

namespace ActorQueue.Cli.Commands;

/// <summary><c>--seed</c>, <c>--token</c> and <c>--json</c>: accepted before or after any subcommand.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultSeed = "http://127.0.0.1:8080";
    public const string SeedVariable = "AQ_SEED";
    public const string TokenVariable = "AQ_TOKEN";

    public Option<string> Seed { get; } = new("--seed")
    {
        Description = $"Base URL of the seed's HTTP API [env: {SeedVariable}]",
        HelpName = "URL",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } seed ? seed : DefaultSeed,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token, when the seed was started with --api-token [env: {TokenVariable}]",
        HelpName = "TOKEN",
        Recursive = true,

        // Read from the environment in ReadSeed, not as a default value: help prints defaults.
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the seed's JSON answer instead of a table",
        Recursive = true,
    };

    public GlobalOptions()
    {
        Seed.Validators.Add(result =>
        {
            if (SeedSettings.TryCreate(result.GetValueOrDefault<string>() ?? "", null) is null)
            {
                result.AddError($"--seed must be an absolute http:// or https:// URL such as {DefaultSeed}.");
            }
        });
    }

    public void AddTo(RootCommand root)
    {
        root.Add(Seed);
        root.Add(Token);
        root.Add(Json);
    }

    public bool WantsJson(ParseResult parseResult) => parseResult.GetValue(Json);

    /// <summary>The seed to talk to; a bad <c>AQ_SEED</c> (not checked by the parser) is a usage error.</summary>
    public SeedSettings ReadSeed(ParseResult parseResult)
    {
        var text = parseResult.GetValue(Seed) ?? DefaultSeed;
        var token = parseResult.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable);
        return SeedSettings.TryCreate(text, token)
            ?? throw new CliUsageException(
                $"The seed URL '{text}' (from --seed or {SeedVariable}) is not an absolute http:// or https:// URL such as {DefaultSeed}.");
    }
}
