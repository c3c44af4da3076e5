using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LotteryTickets.Cli.Experiments;

/// <summary>The parsed <c>rewind</c> key: <c>init</c>, <c>iteration:k</c>, <c>epoch:k</c>, <c>none</c> or <c>lr</c>.</summary>
/// <param name="Kind">Where the weights go.</param>
/// <param name="Point">k for <see cref="RewindKind.Iteration"/> and <see cref="RewindKind.Epoch"/>; 0 otherwise.</param>
public readonly record struct RewindSetting(RewindKind Kind, long Point)
{
    /// <summary>The forms the key accepts, for messages.</summary>
    public const string Forms = "'init', 'iteration:k', 'epoch:k', 'none' or 'lr'";

    /// <summary>Reads a rewind setting (case-insensitive, white space ignored).</summary>
    /// <param name="text">The text.</param>
    /// <param name="setting">The setting read.</param>
    /// <returns>Whether the text is one of <see cref="Forms"/>.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out RewindSetting setting)
    {
        setting = default;
        var t = text?.Trim().ToLowerInvariant();
        switch (t)
        {
            case null:
                return false;
            case "init":
                setting = new(RewindKind.Init, 0);
                return true;
            case "none":
                setting = new(RewindKind.None, 0);
                return true;
            case "lr":
                setting = new(RewindKind.LearningRate, 0);
                return true;
        }

        var colon = t.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !long.TryParse(t[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var k))
        {
            return false;
        }

        switch (t[..colon].Trim())
        {
            case "iteration":
                setting = new(RewindKind.Iteration, k);
                return true;
            case "epoch":
                setting = new(RewindKind.Epoch, k);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The setting as written in a file.</summary>
    public override string ToString() => Kind switch
    {
        RewindKind.Init => "init",
        RewindKind.Iteration => string.Create(CultureInfo.InvariantCulture, $"iteration:{Point}"),
        RewindKind.Epoch => string.Create(CultureInfo.InvariantCulture, $"epoch:{Point}"),
        RewindKind.None => "none",
        _ => "lr",
    };
}
