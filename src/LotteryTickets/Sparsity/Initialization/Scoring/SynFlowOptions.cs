namespace LotteryTickets.Initialization;

/// <summary>The options of the <c>synflow</c> mask generator (<see cref="SynFlowPruning"/>).</summary>
public sealed class SynFlowOptions
{
    /// <summary>The number of pruning rounds of the exponential schedule.</summary>
    /// <value>The default value is <see cref="SynFlowScores.DefaultRounds"/> (100).</value>
    public int Rounds { get; set; } = SynFlowScores.DefaultRounds;

    internal void Validate()
    {
        var errors = new List<string>();
        if (Rounds < 1)
        {
            errors.Add($"The 'Rounds' is {Rounds}; it must be at least 1 (Tanaka et al. use 100).");
        }

        ScoringOptionsValidation.ThrowIfAny(nameof(SynFlowOptions), errors);
    }
}
