using System.Text;

namespace LotteryTickets.Serialization;

/// <summary>
/// Thrown by a strict <see cref="StateDicts.Load"/> when the state dict's keys or shapes
/// do not match the module's; the message lists every missing, unexpected and mis-shaped key,
/// and nothing was copied.
/// </summary>
public sealed class StateDictMismatchException : ArgumentException
{
    /// <summary>Creates the exception for a module of type <paramref name="moduleType"/>.</summary>
    /// <param name="moduleType">The name of the module's type, for the message.</param>
    /// <param name="result">The keys that did not match.</param>
    public StateDictMismatchException(string moduleType, StateDictLoadResult result)
        : base(Describe(moduleType, result))
    {
        Result = result;
    }

    /// <summary>The keys that did not match.</summary>
    public StateDictLoadResult Result { get; }

    private static string Describe(string moduleType, StateDictLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var counts = new List<string>();
        Count(counts, result.MissingKeys.Count, "missing key");
        Count(counts, result.UnexpectedKeys.Count, "unexpected key");
        Count(counts, result.MismatchedKeys.Count, "mis-shaped key");
        var text = new StringBuilder();
        text.Append("The state dict does not match the '").Append(moduleType).Append("' module: ")
            .Append(counts.Count switch
            {
                1 => counts[0],
                2 => $"{counts[0]} and {counts[1]}",
                _ => $"{counts[0]}, {counts[1]} and {counts[2]}",
            })
            .Append(". Load a state dict saved from the same architecture, or pass strict: false to copy only the keys that match.");
        foreach (var key in result.MissingKeys)
        {
            text.Append("\n  missing: '").Append(key).Append('\'');
        }

        foreach (var key in result.UnexpectedKeys)
        {
            text.Append("\n  unexpected: '").Append(key).Append('\'');
        }

        foreach (var mismatch in result.MismatchedKeys)
        {
            text.Append("\n  mis-shaped: ").Append(mismatch);
        }

        return text.ToString();
    }

    private static void Count(List<string> counts, int n, string noun)
    {
        if (n > 0)
        {
            counts.Add($"{n} {noun}{(n == 1 ? string.Empty : "s")}");
        }
    }
}
