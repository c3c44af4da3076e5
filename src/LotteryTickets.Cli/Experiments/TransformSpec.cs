namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// One transform of a branch value as written in an experiment file: a name with optional options,
/// <c>name</c> or <c>name(key=value, ...)</c>, e.g. <c>snip(samplesPerClass=20)</c>.
/// </summary>
internal sealed class TransformSpec
{
    private TransformSpec(string name, IReadOnlyList<KeyValuePair<string, string>> options)
    {
        Name = name;
        Options = options;
    }

    /// <summary>The transform's name as written, trimmed.</summary>
    public string Name { get; }

    /// <summary>The options as written (keys and values trimmed), in order; empty for a plain name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; }

    /// <summary>Reads <paramref name="text"/> as <c>name</c> or <c>name(key=value, ...)</c>.</summary>
    /// <param name="text">One element of a branch's chain.</param>
    /// <param name="spec">The transform, when the text is well formed.</param>
    /// <param name="error">What is wrong (a sentence without the key path), when it is not.</param>
    /// <returns><see langword="true"/> when the text is well formed.</returns>
    public static bool TryParse(string text, out TransformSpec? spec, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        spec = null;
        error = null;
        var trimmed = text.Trim();
        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            if (trimmed.Contains(')', StringComparison.Ordinal))
            {
                error = Malformed(trimmed, "has a ')' without a '('");
                return false;
            }

            spec = new TransformSpec(trimmed, []);
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

        spec = new TransformSpec(name, options);
        return true;
    }

    private static string Malformed(string text, string problem) =>
        $"'{text}' {problem}; write a transform as 'name' or 'name(key=value, ...)', e.g. 'snip(samplesPerClass=20)'.";
}
