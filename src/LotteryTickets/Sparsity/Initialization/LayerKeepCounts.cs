using LotteryTickets.Masks;

namespace LotteryTickets.Initialization;

/// <summary>
/// The result of a <see cref="ILayerDensities"/> rule: per layer (in model order) the rule's exact density and the
/// whole number of weights the layer keeps. The counts sum to <see cref="Target"/> exactly.
/// </summary>
/// <remarks>
/// Rounding (largest remainder): each layer first keeps the integer part of its exact count (density × size); the
/// weights still missing to reach the target go, one each, to the layers with the largest fractional parts (ties to
/// the earlier layer), never beyond a layer's size. Floating-point excess, should the integer parts overshoot, is taken
/// back one each from the layers with the smallest fractional parts. Every count is therefore its exact count rounded
/// down or up, and the total is the target.
/// </remarks>
public sealed class LayerKeepCounts
{
    private readonly PrunableLayer[] layers;
    private readonly double[] densities;
    private readonly long[] counts;

    private LayerKeepCounts(PrunableLayer[] layers, double[] densities, long[] counts, long target)
    {
        this.layers = layers;
        this.densities = densities;
        this.counts = counts;
        Target = target;
    }

    /// <summary>The layers, in model order.</summary>
    public IReadOnlyList<PrunableLayer> Layers => layers;

    /// <summary>The rule's exact (unrounded) density of each layer, from 0 to 1, in model order.</summary>
    public IReadOnlyList<double> Densities => densities;

    /// <summary>The number of weights each layer keeps, in model order; they sum to <see cref="Target"/>.</summary>
    public IReadOnlyList<long> Counts => counts;

    /// <summary>The number of weights kept over all layers.</summary>
    public long Target { get; }

    /// <summary>The number of weights the layer named <paramref name="name"/> keeps.</summary>
    /// <param name="name">The layer's state-dict name.</param>
    /// <returns>The count.</returns>
    /// <exception cref="KeyNotFoundException">No layer has that name.</exception>
    public long CountOf(string name)
    {
        var i = Array.FindIndex(layers, l => l.Name == name);
        return i >= 0
            ? counts[i]
            : throw new KeyNotFoundException($"The keep counts have no layer '{name}'; their layers are {PrunableParameters.Quote(layers.Select(l => l.Name))}.");
    }

    /// <summary>Rounds exact per-layer counts to whole weights that sum to <paramref name="target"/> (see the remarks of <see cref="LayerKeepCounts"/>).</summary>
    /// <param name="layers">The layers, in model order.</param>
    /// <param name="exactCounts">The exact number of weights each layer keeps (clamped to 0 … the layer's size); they should sum to <paramref name="target"/>.</param>
    /// <param name="target">The total to keep, from 0 to the layers' total.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentException">The lists differ in length or a count is not a finite number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is negative or exceeds the layers' total.</exception>
    public static LayerKeepCounts FromExactCounts(IReadOnlyList<PrunableLayer> layers, IReadOnlyList<double> exactCounts, long target)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(exactCounts);
        if (exactCounts.Count != layers.Count)
        {
            throw new ArgumentException(
                $"There are {exactCounts.Count} exact counts for {layers.Count} layers; give one count per layer, in model order.", nameof(exactCounts));
        }

        if (exactCounts.Any(c => !double.IsFinite(c)))
        {
            throw new ArgumentException("An exact count is not a finite number; give each layer a count from 0 to its size.", nameof(exactCounts));
        }

        DensityTarget.Check(layers, target);
        var n = layers.Count;
        var sizes = layers.Select(l => l.Count).ToArray();
        var exact = new double[n];
        var result = new long[n];
        for (var i = 0; i < n; i++)
        {
            exact[i] = Math.Clamp(exactCounts[i], 0, sizes[i]);
            result[i] = Math.Min((long)Math.Floor(exact[i]), sizes[i]);
        }

        var fraction = exact.Select((e, i) => e - result[i]).ToArray();
        var missing = target - result.Sum();
        var byLargest = Enumerable.Range(0, n).OrderByDescending(i => fraction[i]).ThenBy(i => i).ToArray();
        while (missing > 0)
        {
            var before = missing;
            foreach (var i in byLargest)
            {
                if (missing == 0)
                {
                    break;
                }

                if (result[i] < sizes[i])
                {
                    result[i]++;
                    missing--;
                }
            }

            if (missing == before)
            {
                break;
            }
        }

        var bySmallest = byLargest.Reverse().ToArray();
        while (missing < 0)
        {
            foreach (var i in bySmallest)
            {
                if (missing == 0)
                {
                    break;
                }

                if (result[i] > 0)
                {
                    result[i]--;
                    missing++;
                }
            }
        }

        var densities = exact.Select((e, i) => sizes[i] == 0 ? 1 : e / sizes[i]).ToArray();
        return new LayerKeepCounts([.. layers], densities, result, target);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", layers.Select((l, i) => $"{l.Name}: {counts[i]}/{l.Count}"));
}
