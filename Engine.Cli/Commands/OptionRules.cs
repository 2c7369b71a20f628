using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using ActorQueue.Cli.Client;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary>Validators shared by the commands; each failure is a parse error, so exit code 2.</summary>
internal static class OptionRules
{
    public static Option<int> InRange(this Option<int> option, int min, int max)
    {
        option.CustomParser = ParseInt;
        option.Validators.Add(result =>
        {
            if (TryGetValue<int>(result, out var value) && (value < min || value > max))
            {
                result.AddError($"{option.Name} must be between {min:N0} and {max:N0}, not {value}.");
            }
        });
        return option;
    }

    public static Option<int?> AtLeast(this Option<int?> option, int min)
    {
        option.CustomParser = ParseNullableInt;
        option.Validators.Add(result =>
        {
            if (TryGetValue<int?>(result, out var parsed) && parsed is { } value && value < min)
            {
                result.AddError($"{option.Name} must be at least {min}, not {value}.");
            }
        });
        return option;
    }

    /// <summary>Seconds between <paramref name="min"/> and <paramref name="max"/> when given.</summary>
    public static Option<double?> SecondsBetween(this Option<double?> option, double min, double max)
    {
        option.CustomParser = ParseSeconds;
        option.Validators.Add(result =>
        {
            if (TryGetValue<double?>(result, out var parsed) && parsed is { } value && (value < min || value > max || !double.IsFinite(value)))
            {
                result.AddError($"{option.Name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} seconds.");
            }
        });
        return option;
    }

    public static Option<double?> Positive(this Option<double?> option)
    {
        option.CustomParser = ParseSeconds;
        option.Validators.Add(result =>
        {
            if (TryGetValue<double?>(result, out var parsed) && parsed is { } value && (value <= 0 || !double.IsFinite(value)))
            {
                result.AddError($"{option.Name} must be a positive number of seconds, not {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        return option;
    }

    /// <summary>Parses a whole number, with a message naming the option instead of a .NET type.</summary>
    public static int ParseInt(ArgumentResult result) => ParseNullableInt(result) ?? 0;

    public static int? ParseNullableInt(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)} expects a whole number, not '{text}'.");
        return null;
    }

    /// <summary>Parses seconds (decimals allowed); no token (a bare <c>--wait</c>) gives null.</summary>
    public static double? ParseSeconds(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var hint = result.Argument.Arity.MinimumNumberOfValues == 0 ? $" (without a number, put {OptionName(result)} last)" : "";
        result.AddError($"{OptionName(result)} expects a number of seconds, not '{text}'{hint}.");
        return null;
    }

    private static string OptionName(ArgumentResult result) =>
        (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;

    /// <summary>
    /// The option's value, or false when it did not convert (validators run even then, and the
    /// parser has already reported "Cannot parse argument …", so there is nothing to add).
    /// </summary>
    private static bool TryGetValue<T>(OptionResult result, out T? value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>A <c>--payload</c> option whose value must parse as JSON.</summary>
    public static Option<string?> JsonPayload(string description)
    {
        var option = new Option<string?>("--payload") { Description = description, HelpName = "JSON" };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            try
            {
                using var _ = JsonDocument.Parse(text ?? "");
            }
            catch (JsonException ex)
            {
                result.AddError($"--payload is not valid JSON ({ex.Message}). Quote it for the shell, e.g. --payload '{{\"n\": 1}}'.");
            }
        });
        return option;
    }

    public static JsonElement? ParsePayload(string? text) =>
        text is null ? null : JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>A <c>--state</c> filter that accepts only the job states, listing them on a typo.</summary>
    public static Option<string?> JobState()
    {
        var option = new Option<string?>("--state")
        {
            Description = "Only jobs in this state: " + string.Join(", ", JobStates.Names),
            HelpName = "STATE",
        };
        option.CompletionSources.Add(JobStates.Names.ToArray());
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (!JobStates.TryParse(text, out _))
            {
                result.AddError($"'{text}' is not a job state; use one of: {string.Join(", ", JobStates.Names)}.");
            }
        });
        return option;
    }

    public static JobStateName? ParseState(string? text) =>
        JobStates.TryParse(text, out var state) ? state : null;
}
