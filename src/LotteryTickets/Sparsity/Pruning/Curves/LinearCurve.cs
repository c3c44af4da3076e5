namespace LotteryTickets.Pruning.Curves;

/// <summary>A straight line from <c>start</c> to <c>end</c>.</summary>
internal sealed class LinearCurve : SparsityCurve
{
    public override double Evaluate(double start, double end, double position) => start + (position * (end - start));

    public override string ToString() => "linear";
}
