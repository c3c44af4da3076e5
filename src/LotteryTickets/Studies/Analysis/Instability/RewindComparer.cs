using LotteryTickets.Training;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Orders rewind-point labels as tables and legends show them: durations (<c>0it</c>, <c>100it</c>, <c>2000it</c>, then
/// <c>1ep</c>, <c>2ep</c>) by unit, iterations first, then count; other labels after them, ordinal.
/// </summary>
public sealed class RewindComparer : IComparer<string>
{
    private RewindComparer()
    {
    }

    /// <summary>The comparer.</summary>
    public static RewindComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        var xParsed = TrainingDuration.TryParse(x, out var a);
        var yParsed = TrainingDuration.TryParse(y, out var b);
        if (xParsed && yParsed)
        {
            var byUnit = (a.Count == 0 ? 0 : (int)a.Unit).CompareTo(b.Count == 0 ? 0 : (int)b.Unit);
            return byUnit != 0 ? byUnit : a.Count != b.Count ? a.Count.CompareTo(b.Count) : string.CompareOrdinal(x, y);
        }

        return xParsed ? -1 : yParsed ? 1 : string.CompareOrdinal(x, y);
    }
}
