namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>Seeded random inputs for reference cases; the same seed gives the same inputs on every run.</summary>
internal sealed class InputFactory(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>A tensor of the given values.</summary>
    public static ReferenceInput Of(ScalarType type, long[] shape, params double[] data) => new(type, shape, data);

    /// <summary>Float64 samples from U(lo, hi).</summary>
    public ReferenceInput Uniform(double lo, double hi, params long[] shape) =>
        new(ScalarType.Float64, shape, Fill(shape, () => lo + ((hi - lo) * random.NextDouble())));

    /// <summary>Float32 samples from U(lo, hi).</summary>
    public ReferenceInput Uniform32(double lo, double hi, params long[] shape) =>
        new(ScalarType.Float32, shape, Fill(shape, () => (float)(lo + ((hi - lo) * random.NextDouble()))));

    /// <summary>Float64 samples from U(lo, hi) whose magnitude is at least <paramref name="gap"/> (away from a kink at 0).</summary>
    public ReferenceInput AwayFromZero(double lo, double hi, double gap, params long[] shape) =>
        new(ScalarType.Float64, shape, Fill(shape, () =>
        {
            double v;
            do
            {
                v = lo + ((hi - lo) * random.NextDouble());
            }
            while (Math.Abs(v) < gap);
            return v;
        }));

    /// <summary>Whole numbers in [lo, hi) of the given type (a float type gives integer-valued floats, so comparisons see ties).</summary>
    public ReferenceInput Ints(long lo, long hi, long[] shape, ScalarType type = ScalarType.Int64) =>
        new(type, shape, Fill(shape, () => random.NextInt64(lo, hi)));

    /// <summary>Random booleans.</summary>
    public ReferenceInput Bools(params long[] shape) => new(ScalarType.Bool, shape, Fill(shape, () => random.Next(2)));

    /// <summary>Float64 values, all distinct and at least 0.01 apart, in random order (no ties for sorting and max).</summary>
    public ReferenceInput Distinct(params long[] shape)
    {
        var n = (int)shape.Aggregate(1L, (a, b) => a * b);
        var values = Enumerable.Range(0, n).Select(i => (i - (n / 2.0)) * 0.37 + (0.01 * random.NextDouble())).ToArray();
        random.Shuffle(values);
        return new(ScalarType.Float64, shape, values);
    }

    /// <summary>Int64 indices in [0, size) — for gather/index_select; repeats allowed.</summary>
    public ReferenceInput Indices(long size, params long[] shape) => Ints(0, size, shape);

    /// <summary>An int64 [rows, cols] index whose every column is a permutation prefix of 0..size−1 along dim 0 (no repeats, for scatter).</summary>
    public ReferenceInput PermutationColumns(long size, long rows, long cols)
    {
        var data = new double[rows * cols];
        for (var c = 0; c < cols; c++)
        {
            var perm = Enumerable.Range(0, (int)size).ToArray();
            random.Shuffle(perm);
            for (var r = 0; r < rows; r++)
            {
                data[(r * cols) + c] = perm[r];
            }
        }

        return new(ScalarType.Int64, [rows, cols], data);
    }

    /// <summary>An int64 [rows, cols] index whose every row is a permutation prefix of 0..size−1 along dim 1 (no repeats, for scatter).</summary>
    public ReferenceInput PermutationRows(long size, long rows, long cols)
    {
        var data = new double[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            var perm = Enumerable.Range(0, (int)size).ToArray();
            random.Shuffle(perm);
            for (var c = 0; c < cols; c++)
            {
                data[(r * cols) + c] = perm[c];
            }
        }

        return new(ScalarType.Int64, [rows, cols], data);
    }

    private static double[] Fill(long[] shape, Func<double> next)
    {
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var data = new double[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = next();
        }

        return data;
    }
}
