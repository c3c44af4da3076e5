namespace LotteryTickets.Pruning.Curves;

/// <summary>Dense-sparse-dense: a cosine up to <c>end</c> over the first half, back to <c>start</c> over the second.</summary>
internal sealed class DsdCurve : SparsityCurve
{
    public override double Evaluate(double start, double end, double position) => position < 0.5
        ? start + ((1 + Math.Cos(Math.PI * (1 - (position * 2)))) * (end - start) / 2)
        : end + ((1 - Math.Cos(Math.PI * (1 - (position * 2)))) * (start - end) / 2);

    public override string ToString() => "dsd";
}
