namespace LotteryTickets.Masks;

/// <summary>The kind of layer a prunable parameter belongs to.</summary>
public enum LayerKind
{
    /// <summary>A fully-connected (linear) layer's weight matrix.</summary>
    Linear,

    /// <summary>A convolution's weight tensor.</summary>
    Convolution,

    /// <summary>Any other prunable tensor (rank ≥ 2 tensors read from a file, for example).</summary>
    Other,
}
