namespace LotteryTickets.Pruning;

/// <summary>Whether pruning ranks weights within each layer or across all prunable layers.</summary>
public enum PruningScope
{
    /// <summary>Each layer prunes its own fraction of its weights (its own threshold).</summary>
    Layerwise,

    /// <summary>One threshold across all prunable layers.</summary>
    Global,
}
