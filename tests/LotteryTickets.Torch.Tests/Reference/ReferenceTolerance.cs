namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>
/// How close two floating-point results must be for <see cref="ReferenceValue.Difference(ReferenceValue, ReferenceValue, ReferenceTolerance)"/>
/// (|e − a| ≤ absolute + relative · max(|e|, |a|); integer and bool elements are always compared exactly), and what
/// the two sides are called in its messages.
/// </summary>
/// <param name="Float64Relative">The relative tolerance of float64 elements and of numbers.</param>
/// <param name="Float64Absolute">The absolute tolerance of float64 elements and of numbers.</param>
/// <param name="Float32Relative">The relative tolerance of lower-precision elements (float32, float16, bfloat16).</param>
/// <param name="Float32Absolute">The absolute tolerance of lower-precision elements.</param>
/// <param name="Expected">The name of the side that gives the expected value, in messages.</param>
/// <param name="Actual">The name of the side that gives the actual value, in messages.</param>
internal sealed record ReferenceTolerance(
    double Float64Relative,
    double Float64Absolute,
    double Float32Relative,
    double Float32Absolute,
    string Expected = "PyTorch",
    string Actual = "the binding")
{
    /// <summary>The binding against PyTorch on the same CPU: 1e-12 relative in float64, 1e-6 relative in float32.</summary>
    public static ReferenceTolerance PyTorch { get; } = new(1e-12, 1e-15, 1e-6, 1e-7);

    /// <summary>Whether <paramref name="actual"/> is close enough to <paramref name="expected"/> for an element of <paramref name="dtype"/>.</summary>
    public bool Close(double expected, double actual, string dtype)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }

        var (rtol, atol) = dtype == "float64" ? (Float64Relative, Float64Absolute) : (Float32Relative, Float32Absolute);
        return Math.Abs(expected - actual) <= atol + (rtol * Math.Max(Math.Abs(expected), Math.Abs(actual)));
    }
}
