using System.Globalization;

namespace LotteryTickets.Results;

/// <summary>
/// Names one training run of an experiment: the trial (an independent repetition with its own seed), the pruning
/// level (0 = the dense network, then one level per pruning round) and the branch (<see cref="MainBranch"/> for the
/// lottery ticket itself, or a control such as <c>"reinit"</c>).
/// </summary>
/// <remarks>Keys sort by level, then branch (<see cref="MainBranch"/> first, then ordinal), then trial.</remarks>
public readonly record struct RunKey : IComparable<RunKey>
{
    /// <summary>The name of the main branch: the ticket found by pruning, trained from its rewind point.</summary>
    public const string MainBranch = "main";

    /// <summary>Creates a key.</summary>
    /// <param name="trial">The trial, 0 or more.</param>
    /// <param name="level">The pruning level, 0 or more.</param>
    /// <param name="branch">The branch name, not empty.</param>
    /// <exception cref="ArgumentException">A number is negative or the branch is empty.</exception>
    public RunKey(int trial, int level, string branch)
    {
        if (trial < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trial), trial, string.Create(CultureInfo.InvariantCulture, $"The trial is {trial}; it must be 0 or more."));
        }

        if (level < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, string.Create(CultureInfo.InvariantCulture, $"The level is {level}; it must be 0 or more."));
        }

        if (string.IsNullOrWhiteSpace(branch))
        {
            throw new ArgumentException("The branch name is empty; name the branch, e.g. 'main' or 'reinit'.", nameof(branch));
        }

        Trial = trial;
        Level = level;
        Branch = branch;
    }

    /// <summary>The trial, 0 or more.</summary>
    public int Trial { get; }

    /// <summary>The pruning level, 0 or more.</summary>
    public int Level { get; }

    /// <summary>The branch name.</summary>
    public string Branch { get; }

    /// <inheritdoc/>
    public int CompareTo(RunKey other)
    {
        var byLevel = Level.CompareTo(other.Level);
        if (byLevel != 0)
        {
            return byLevel;
        }

        var byBranch = BranchComparer.Instance.Compare(Branch, other.Branch);
        return byBranch != 0 ? byBranch : Trial.CompareTo(other.Trial);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"trial {Trial}, level {Level}, branch '{Branch}'");
}
