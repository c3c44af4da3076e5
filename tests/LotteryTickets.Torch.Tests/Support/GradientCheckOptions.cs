namespace LotteryTickets.Torch.Tests.Support;

/// <summary>Step and tolerances of a <see cref="GradientCheck"/>.</summary>
/// <param name="Epsilon">The central-difference step.</param>
/// <param name="RelativeTolerance">Allowed error relative to the numerical derivative.</param>
/// <param name="AbsoluteTolerance">Allowed absolute error.</param>
/// <param name="Seed">Seeds the random weights that reduce a non-scalar output to a scalar.</param>
public sealed record GradientCheckOptions(
    double Epsilon = 1e-6,
    double RelativeTolerance = 1e-6,
    double AbsoluteTolerance = 1e-6,
    int Seed = 12345)
{
    /// <summary>The defaults: ε = 1e-6, rtol = atol = 1e-6.</summary>
    public static GradientCheckOptions Default { get; } = new();
}
