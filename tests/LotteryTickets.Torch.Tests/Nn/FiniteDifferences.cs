namespace LotteryTickets.Torch.Tests.Nn;

/// <summary>
/// Compares autograd's gradients with central finite differences in float64. A non-scalar
/// output is contracted with fixed pseudo-random weights first, so every output element counts
/// (a plain sum would hide errors, e.g. softmax's gradient of the sum is zero).
/// </summary>
internal static class FiniteDifferences
{
    public static void AssertGradientsMatch(Func<Tensor[], Tensor> function, Tensor[] inputs, double step = 1e-6, double tolerance = 1e-6)
    {
        using var scope = DisposeScope.Begin();
        var values = inputs.Select(i => i.ToArray<double>()).ToArray();
        var shapes = inputs.Select(i => i.Shape).ToArray();
        var leaves = values.Select((v, k) => Tensor.FromArray(v, shapes[k]).RequiresGrad_()).ToArray();
        var output = function(leaves);
        var weights = Weights(output.Shape);
        var analytic = Autograd.Grad([output.Mul(weights).Sum()], leaves, allowUnused: true);

        for (var k = 0; k < inputs.Length; k++)
        {
            var expected = analytic[k]?.ToArray<double>() ?? new double[values[k].Length];
            for (var j = 0; j < values[k].Length; j++)
            {
                var original = values[k][j];
                values[k][j] = original + step;
                var plus = Evaluate(function, values, shapes, weights);
                values[k][j] = original - step;
                var minus = Evaluate(function, values, shapes, weights);
                values[k][j] = original;
                var numeric = (plus - minus) / (2 * step);
                Assert.That(
                    expected[j], Is.EqualTo(numeric).Within(tolerance * Math.Max(1, Math.Abs(numeric))),
                    $"d/d input {k} element {j}");
            }
        }
    }

    private static double Evaluate(Func<Tensor[], Tensor> function, double[][] values, long[][] shapes, Tensor weights)
    {
        using var scope = DisposeScope.Begin();
        using var noGrad = Autograd.NoGrad();
        var inputs = values.Select((v, k) => Tensor.FromArray(v, shapes[k])).ToArray();
        return function(inputs).Mul(weights).Sum().ToDouble();
    }

    private static Tensor Weights(long[] shape)
    {
        var random = new Random(17);
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        return Tensor.FromArray(Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray(), shape);
    }
}
