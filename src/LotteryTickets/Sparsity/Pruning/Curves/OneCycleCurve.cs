using System.Globalization;

namespace LotteryTickets.Pruning.Curves;

/// <summary>One-cycle pruning's logistic rise: <c>start + (end − start)(1 + e^(β − α)) / (1 + e^(β − α·pos))</c>.</summary>
internal sealed class OneCycleCurve : SparsityCurve
{
    public OneCycleCurve(double alpha, double beta)
    {
        if (!double.IsFinite(alpha) || !double.IsFinite(beta))
        {
            throw new ArgumentOutOfRangeException(
                nameof(alpha), $"The one-cycle curve's alpha ({alpha}) and beta ({beta}) must be finite numbers; fasterai uses 14 and 6.");
        }

        Alpha = alpha;
        Beta = beta;
    }

    public double Alpha { get; }

    public double Beta { get; }

    public override double Evaluate(double start, double end, double position)
    {
        var shape = (1 + Math.Exp(-Alpha + Beta)) / (1 + Math.Exp((-Alpha * position) + Beta));
        return start + ((end - start) * shape);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"one_cycle(alpha={Alpha:R}, beta={Beta:R})");
}
