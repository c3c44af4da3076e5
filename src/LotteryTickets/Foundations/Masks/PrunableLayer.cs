namespace LotteryTickets.Masks;

/// <summary>
/// A parameter that pruning may act on, in model order: its name in the state dict
/// (e.g. <c>fc1.weight</c>), its shape, the kind of layer it belongs to, and whether it is the
/// network's output layer (Frankle &amp; Carbin prune the output layer at half the rate).
/// </summary>
/// <param name="Name">The parameter's state-dict name.</param>
/// <param name="Shape">The parameter's shape.</param>
/// <param name="Kind">The kind of layer.</param>
/// <param name="IsOutput">Whether this is the last prunable layer (the output layer).</param>
public sealed record PrunableLayer(string Name, long[] Shape, LayerKind Kind, bool IsOutput)
{
    /// <summary>The number of weights in the parameter.</summary>
    public long Count
    {
        get
        {
            long n = 1;
            foreach (var s in Shape)
            {
                n *= s;
            }

            return n;
        }
    }
}
