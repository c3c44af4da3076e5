namespace LotteryTickets.Analysis.Instability;

/// <summary>Which masks an instability analysis at rewind point k trains its copies under (<see cref="InstabilityAnalysisOptions.Masks"/>).</summary>
public enum InstabilityMasks
{
    /// <summary>
    /// The paper's tickets: at rewind point k, the masks of iterative magnitude pruning rewound to k (an IMP chain per
    /// k, run or reused through the store as the plan with its rewind policy set to k). Both copies of every branch of
    /// a level share one pair of data orders.
    /// </summary>
    PerRewindPoint,

    /// <summary>
    /// The masks the plan found with its own rewind policy, at every rewind point (the behaviour before
    /// <see cref="PerRewindPoint"/>, with its stored results and seeds); every row is labelled with that policy's rewind point.
    /// </summary>
    Plan,
}
