namespace LotteryTickets.Pruning.Curves;

/// <summary>A half cosine from <c>start</c> to <c>end</c>.</summary>
internal sealed class CosineCurve : SparsityCurve
{
    public override double Evaluate(double start, double end, double position) =>
        start + ((1 + Math.Cos(Math.PI * (1 - position))) * (end - start) / 2);

    public override string ToString() => "cosine";
}
