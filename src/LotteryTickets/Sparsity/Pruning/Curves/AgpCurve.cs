namespace LotteryTickets.Pruning.Curves;

/// <summary>Automated gradual pruning: <c>end + (start − end)(1 − pos)³</c>.</summary>
internal sealed class AgpCurve : SparsityCurve
{
    public override double Evaluate(double start, double end, double position) =>
        end + ((start - end) * Math.Pow(1 - position, 3));

    public override string ToString() => "agp";
}
