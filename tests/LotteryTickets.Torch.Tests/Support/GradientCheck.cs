namespace LotteryTickets.Torch.Tests.Support;

/// <summary>
/// Compares autograd's gradients with central finite differences in float64.
/// <para>
/// Every float64 input is differentiated; inputs of other types (indices, masks) are passed through
/// unchanged. A non-scalar output y is reduced to the scalar Σ w·y with fixed random weights w, so the
/// check covers the whole vector-Jacobian product, not just its sum. The function must not modify its
/// inputs in place, and should be evaluated away from kinks (|x| at 0, relu at 0, ties of max/sort).
/// </para>
/// </summary>
/// <example><code>GradientCheck.Assert(t => t[0].Gather(1, t[1]), x, index);</code></example>
public static class GradientCheck
{
    /// <summary>Fails the current test when any gradient element is out of tolerance, naming the worst one.</summary>
    /// <param name="f">The function of the inputs; it returns a float64 tensor of any shape.</param>
    /// <param name="inputs">The point to check at; float64 inputs are differentiated.</param>
    public static void Assert(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Assert(f, GradientCheckOptions.Default, inputs);

    /// <summary>Fails the current test when any gradient element is out of tolerance, naming the worst one.</summary>
    public static void Assert(Func<Tensor[], Tensor> f, GradientCheckOptions options, params Tensor[] inputs)
    {
        var result = Check(f, options, inputs);
        if (!result.Passed)
        {
            NUnit.Framework.Assert.Fail(result.ToString());
        }
    }

    /// <summary>Runs the comparison and reports the worst element.</summary>
    /// <exception cref="ArgumentException">No input is float64, an input is another floating type, or the output is not float64.</exception>
    public static GradientCheckResult Check(Func<Tensor[], Tensor> f, GradientCheckOptions options, params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        using var scope = DisposeScope.Begin();

        var differentiated = new List<int>();
        for (var k = 0; k < inputs.Length; k++)
        {
            var type = inputs[k].DType;
            if (type == ScalarType.Float64)
            {
                differentiated.Add(k);
            }
            else if (type.IsFloatingPoint())
            {
                throw new ArgumentException(
                    $"Input {k} is {type}; finite differences need Float64 inputs. Convert it with To(ScalarType.Float64).", nameof(inputs));
            }
        }

        if (differentiated.Count == 0)
        {
            throw new ArgumentException("No input is Float64, so there is nothing to differentiate. Pass the differentiable inputs as Float64.", nameof(inputs));
        }

        var shapes = inputs.Select(t => t.Shape).ToArray();
        var values = inputs.Select(t => t.DType == ScalarType.Float64 ? t.Contiguous().ToArray<double>() : null).ToArray();
        var leaves = new Tensor[inputs.Length];
        for (var k = 0; k < inputs.Length; k++)
        {
            leaves[k] = values[k] is { } v ? Tensor.FromArray(v, shapes[k]).RequiresGrad_() : inputs[k];
        }

        var output = f(leaves);
        if (output.DType != ScalarType.Float64)
        {
            throw new ArgumentException($"The function returned a {output.DType} tensor; it must return Float64 for a gradient check.", nameof(f));
        }

        var weights = RandomWeights(output.Shape, options.Seed);
        var loss = output.Mul(weights).Sum();
        var grads = Autograd.Grad([loss], differentiated.Select(k => leaves[k]).ToArray(), allowUnused: true);

        double Evaluate()
        {
            using var inner = DisposeScope.Begin();
            using var noGrad = Autograd.NoGrad();
            var args = new Tensor[inputs.Length];
            for (var k = 0; k < inputs.Length; k++)
            {
                args[k] = values[k] is { } v ? Tensor.FromArray(v, shapes[k]) : inputs[k];
            }

            return f(args).Mul(weights).Sum().ToDouble();
        }

        GradientCheckResult? worst = null;
        var count = 0;
        for (var g = 0; g < differentiated.Count; g++)
        {
            var k = differentiated[g];
            var x = values[k]!;
            var analytical = grads[g]?.Contiguous().ToArray<double>() ?? new double[x.Length];
            for (var j = 0; j < x.Length; j++)
            {
                var saved = x[j];
                x[j] = saved + options.Epsilon;
                var plus = Evaluate();
                x[j] = saved - options.Epsilon;
                var minus = Evaluate();
                x[j] = saved;
                var numerical = (plus - minus) / (2 * options.Epsilon);
                var ratio = Math.Abs(analytical[j] - numerical) / (options.AbsoluteTolerance + (options.RelativeTolerance * Math.Abs(numerical)));
                if (double.IsNaN(ratio))
                {
                    ratio = double.PositiveInfinity;
                }

                count++;
                if (worst is null || ratio > worst.ErrorOverTolerance)
                {
                    worst = new GradientCheckResult(ratio <= 1, k, Unravel(j, shapes[k]), analytical[j], numerical, ratio, 0);
                }
            }
        }

        if (worst is null)
        {
            throw new ArgumentException("The Float64 inputs have no elements, so there is nothing to check.", nameof(inputs));
        }

        return worst with { Checked = count };
    }

    private static Tensor RandomWeights(long[] shape, int seed)
    {
        var random = new Random(seed);
        long n = 1;
        foreach (var s in shape)
        {
            n *= s;
        }

        var w = new double[n];
        for (var i = 0; i < w.Length; i++)
        {
            // Away from zero so that every output element matters.
            w[i] = (random.NextDouble() + 0.5) * (random.Next(2) == 0 ? -1 : 1);
        }

        return Tensor.FromArray(w, shape);
    }

    private static long[] Unravel(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }

        return index;
    }
}
