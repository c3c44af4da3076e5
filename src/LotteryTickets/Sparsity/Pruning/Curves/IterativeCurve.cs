using System.Globalization;

namespace LotteryTickets.Pruning.Curves;

/// <summary>Equal jumps: <c>start + (end − start)/steps · ⌈pos · steps⌉</c>.</summary>
internal sealed class IterativeCurve : SparsityCurve
{
    public IterativeCurve(int steps)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(steps), steps, $"The number of steps of the iterative curve is {steps}; it must be at least 1.");
        }

        Steps = steps;
    }

    public int Steps { get; }

    public override double Evaluate(double start, double end, double position) =>
        start + (((end - start) / Steps) * Math.Ceiling(position * Steps));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"iterative(steps={Steps})");
}
