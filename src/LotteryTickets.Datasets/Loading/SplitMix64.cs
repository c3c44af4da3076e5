namespace LotteryTickets.Datasets.Loading;

/// <summary>
/// The SplitMix64 generator (Steele, Lea &amp; Flood 2014; Vigna's reference constants): the state advances by
/// the golden-ratio increment 0x9E3779B97F4A7C15 and each output is the state passed through the
/// mixing function <see cref="Mix"/>. Its output is a fixed function of the seed on every platform,
/// which is why the library uses it instead of <see cref="Random"/>, whose algorithm is not a contract.
/// </summary>
public struct SplitMix64
{
    private const ulong Increment = 0x9E3779B97F4A7C15UL;
    private const ulong DoubleIncrement = 0x3C6EF372FE94F82AUL;
    private ulong state;

    /// <summary>A generator whose first output is <c>Mix(seed + 0x9E3779B97F4A7C15)</c>.</summary>
    public SplitMix64(ulong seed)
    {
        state = seed;
    }

    /// <summary>
    /// A seed for an independent stream derived from a base seed, a stream tag and up to two counters
    /// (such as an epoch and a sample index): <c>h = Mix(seed ⊕ Mix(stream)); h = Mix(h ⊕ Mix(a + φ)); h = Mix(h ⊕ Mix(b + 2φ))</c>
    /// with φ = 0x9E3779B97F4A7C15.
    /// </summary>
    public static ulong Derive(ulong seed, ulong stream, ulong a = 0, ulong b = 0)
    {
        var h = Mix(seed ^ Mix(stream));
        h = Mix(h ^ Mix(a + Increment));
        return Mix(h ^ Mix(b + DoubleIncrement));
    }

    /// <summary>The SplitMix64 mixing function (a variant of MurmurHash3's 64-bit finaliser).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        state += Increment;
        return Mix(state);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>), without bias, by Lemire's multiply-and-reject method:
    /// the high 64 bits of <c>Next() × bound</c>, redrawing while the low 64 bits are below <c>2^64 mod bound</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is zero.</exception>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var product = (UInt128)Next() * bound;
        var low = (ulong)product;
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                product = (UInt128)Next() * bound;
                low = (ulong)product;
            }
        }

        return (ulong)(product >> 64);
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits of <see cref="Next"/> times 2^−53.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal sample by the Box–Muller transform (one of the pair; the other is discarded).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Shuffles <paramref name="values"/> in place by Fisher–Yates, from the last position down, using <see cref="NextBelow"/>.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = (int)NextBelow((ulong)i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
