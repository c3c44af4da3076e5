namespace LotteryTickets.Pruning.Curves;

/// <summary>fasterai's <c>one_shot</c>: the final sparsity everywhere.</summary>
internal sealed class OneShotCurve : SparsityCurve
{
    public override double Evaluate(double start, double end, double position) => end;

    public override string ToString() => "one_shot";
}
