using System.Diagnostics.CodeAnalysis;
using LotteryTickets.Experiments;

namespace LotteryTickets.Components;

/// <summary>
/// A component as written in C# or in an experiment file: a registered name with optional options,
/// <c>name</c> or <c>name(key=value, ...)</c>, e.g. <c>snip(samplesPerClass=20)</c>. The same grammar names
/// criteria, ticket transforms, rewind policies, schedules, models, optimizers and losses
/// (see <see cref="ComponentRegistry"/>).
/// </summary>
public sealed class ComponentSpec
{
    /// <summary>Creates a spec from a name and options already split.</summary>
    /// <param name="name">The registered name.</param>
    /// <param name="options">The options as text, by key, in order.</param>
    public ComponentSpec(string name, IEnumerable<KeyValuePair<string, string>>? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name.Trim();
        Options = [.. options ?? []];
    }

    /// <summary>The name as written, trimmed.</summary>
    public string Name { get; }

    /// <summary>The options as written (keys and values trimmed), in order; empty for a plain name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; }

    /// <summary>Reads <paramref name="text"/> as <c>name</c> or <c>name(key=value, ...)</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="FormatException">The text is malformed; the message says how to write it.</exception>
    public static ComponentSpec Parse(string text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    /// <summary>Reads <paramref name="text"/> as <c>name</c> or <c>name(key=value, ...)</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="spec">The spec, when the text is well formed.</param>
    /// <param name="error">What is wrong (a sentence), when it is not.</param>
    /// <returns><see langword="true"/> when the text is well formed.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ComponentSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        error = null;
        var trimmed = (text ?? string.Empty).Trim();
        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            if (trimmed.Contains(')', StringComparison.Ordinal))
            {
                error = Malformed(trimmed, "has a ')' without a '('");
                return false;
            }

            spec = new ComponentSpec(trimmed);
            return true;
        }

        var close = trimmed.IndexOf(')', open + 1);
        if (close < 0 || trimmed.IndexOf('(', open + 1) is var nested && nested >= 0 && nested < close)
        {
            error = Malformed(trimmed, "has unbalanced parentheses");
            return false;
        }

        if (close != trimmed.Length - 1)
        {
            error = Malformed(trimmed, "has text after the closing ')'");
            return false;
        }

        var name = trimmed[..open].Trim();
        var inside = trimmed[(open + 1)..close];
        var options = new List<KeyValuePair<string, string>>();
        if (inside.Trim().Length > 0)
        {
            foreach (var part in inside.Split(','))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var key = (equals < 0 ? part : part[..equals]).Trim();
                if (key.Length == 0)
                {
                    error = Malformed(trimmed, "has an option without a name");
                    return false;
                }

                if (equals < 0)
                {
                    error = $"the option '{key}' in '{trimmed}' has no value; write 'key=value', e.g. '{name}({key}=...)'.";
                    return false;
                }

                options.Add(new(key, part[(equals + 1)..].Trim()));
            }
        }

        spec = new ComponentSpec(name, options);
        return true;
    }

    /// <summary>
    /// The components of a chain, in order: one component, or several joined by commas. Only commas outside
    /// parentheses separate components, so <c>smart_ratio(linearKeepRatio=0.05, residual=true)</c> is one.
    /// </summary>
    /// <param name="value">The chain.</param>
    /// <returns>The components as written, trimmed; an empty value gives one empty name, which no component has.</returns>
    public static IReadOnlyList<string> SplitChain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    parts.Add(value[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parts.Add(value[start..].Trim());
        return parts;
    }

    /// <summary>The spec as written: <c>name</c> or <c>name(key=value, ...)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Options.Count == 0 ? Name : $"{Name}({string.Join(", ", Options.Select(o => $"{o.Key}={o.Value}"))})";

    /// <summary>A name as keys are matched: ignoring case, '_' and '-'.</summary>
    internal static string Simplify(string text) =>
        new([.. text.Trim().ToLowerInvariant().Where(c => c is not '_' and not '-')]);

    private static string Malformed(string text, string problem) =>
        $"'{text}' {problem}; write a component as 'name' or 'name(key=value, ...)', e.g. 'snip(samplesPerClass=20)'.";
}
