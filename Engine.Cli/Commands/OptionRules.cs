using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
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

    /// <summary>A whole number of at least <paramref name="min"/> when given (<c>int?</c> or <c>long?</c>).</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T min)
        where T : struct, INumber<T>
    {
        option.CustomParser = ParseNullable<T>;
        option.Validators.Add(result =>
        {
            if (TryGetValue<T?>(result, out var parsed) && parsed is { } value && value < min)
            {
                result.AddError($"{option.Name} must be at least {min}, not {value}.");
            }
        });
        return option;
    }

    /// <summary>A word from <paramref name="values"/> (any case), listing them on a typo.</summary>
    public static Option<string?> OneOf(this Option<string?> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && !values.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"{option.Name} must be {string.Join(" or ", values)}, not '{text}'.");
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

    /// <summary>A <c>--wait SECONDS</c> option for a long-poll until something is final.</summary>
    public static Option<double?> WaitSeconds(string description) =>
        new Option<double?>("--wait") { Description = description, HelpName = "SECONDS" }.Positive();

    /// <summary>Parses a whole number, with a message naming the option instead of a .NET type.</summary>
    public static int ParseInt(ArgumentResult result) => ParseNullableInt(result) ?? 0;

    public static int? ParseNullableInt(ArgumentResult result) => ParseNullable<int>(result);

    public static T? ParseNullable<T>(ArgumentResult result)
        where T : struct, INumber<T>
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
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
    public static Option<string?> JsonPayload(string description) =>
        JsonOption("--payload", description, """{"n": 1}""", requireObject: false);

    /// <summary>An option whose value must be a JSON object, such as <c>--options</c>.</summary>
    public static Option<string?> JsonObject(string name, string description, string example) =>
        JsonOption(name, description, example, requireObject: true);

    private static Option<string?> JsonOption(string name, string description, string example, bool requireObject)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "JSON" };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            var hint = $"Quote it for the shell, e.g. {name} '{example}'.";
            try
            {
                using var document = JsonDocument.Parse(text ?? "");
                if (requireObject && document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    result.AddError($"{name} must be a JSON object {{…}}, not '{text}'. {hint}");
                }
            }
            catch (JsonException ex)
            {
                result.AddError($"{name} is not valid JSON ({ex.Message}). {hint}");
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
