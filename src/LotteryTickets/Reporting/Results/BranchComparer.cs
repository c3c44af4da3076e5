namespace LotteryTickets.Results;

/// <summary>Orders branch names the way tables and legends show them: <see cref="RunKey.MainBranch"/> first, then ordinal.</summary>
public sealed class BranchComparer : IComparer<string>
{
    private BranchComparer()
    {
    }

    /// <summary>The comparer.</summary>
    public static BranchComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (string.Equals(x, y, StringComparison.Ordinal))
        {
            return 0;
        }

        if (x == RunKey.MainBranch)
        {
            return -1;
        }

        if (y == RunKey.MainBranch)
        {
            return 1;
        }

        return string.CompareOrdinal(x, y);
    }
}
