namespace LotteryTickets.Torch.Tests.Support;

/// <summary>The outcome of a <see cref="GradientCheck"/>: the worst element found, relative to its tolerance.</summary>
/// <param name="Passed">Whether every element was within tolerance.</param>
/// <param name="Input">The input holding the worst element.</param>
/// <param name="Element">The worst element's index in that input (row-major multi-index).</param>
/// <param name="Analytical">The gradient autograd computed there.</param>
/// <param name="Numerical">The central-difference estimate there.</param>
/// <param name="ErrorOverTolerance">|analytical − numerical| / (atol + rtol·|numerical|); at most 1 when passed.</param>
/// <param name="Checked">How many gradient elements were compared.</param>
public sealed record GradientCheckResult(
    bool Passed,
    int Input,
    long[] Element,
    double Analytical,
    double Numerical,
    double ErrorOverTolerance,
    int Checked)
{
    /// <summary>A sentence describing the worst element.</summary>
    public override string ToString() =>
        $"{(Passed ? "Gradients match" : "Gradients differ")}: worst element is input {Input} at [{string.Join(", ", Element)}], " +
        $"analytical {Analytical:R} vs numerical {Numerical:R} (error/tolerance {ErrorOverTolerance:G3}, {Checked} elements checked).";
}
