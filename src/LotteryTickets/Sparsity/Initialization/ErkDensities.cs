using LotteryTickets.Masks;

namespace LotteryTickets.Initialization;

/// <summary>
/// Evci et al.'s Erdős–Rényi-Kernel densities (<c>erk</c>, RigL): a layer's density is ε · (sum of its dimensions) /
/// (product of its dimensions), with ε chosen so that the layers keep the target in all. When that would give some layer
/// a density above 1, the layers with the largest raw ratio are made dense and ε is solved again for the rest, until no
/// density exceeds 1 (as RigL's <c>sparse_utils.get_sparsities_erdos_renyi</c> does). For a linear layer the ratio is
/// (n_in + n_out) / (n_in · n_out) (Erdős–Rényi); for a convolution the kernel's dimensions count too.
/// </summary>
public sealed class ErkDensities : ILayerDensities
{
    /// <summary>The rule's name, <c>erk</c>.</summary>
    public const string RuleName = "erk";

    /// <inheritdoc />
    public string Name => RuleName;

    /// <summary>A layer's raw ERK ratio: the sum of its dimensions over their product.</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>The ratio (0 for a layer without weights).</returns>
    public static double RawRatio(PrunableLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer.Count == 0 ? 0 : (double)layer.Shape.Sum() / layer.Count;
    }

    /// <inheritdoc />
    public LayerKeepCounts Allocate(IReadOnlyList<PrunableLayer> layers, long target)
    {
        ArgumentNullException.ThrowIfNull(layers);
        DensityTarget.Check(layers, target);
        var n = layers.Count;
        var raw = layers.Select(RawRatio).ToArray();
        var dense = new bool[n];
        double epsilon = 0;
        while (true)
        {
            double rest = target;
            double divisor = 0;
            for (var i = 0; i < n; i++)
            {
                if (dense[i])
                {
                    rest -= layers[i].Count;
                }
                else
                {
                    divisor += raw[i] * layers[i].Count;
                }
            }

            if (divisor == 0)
            {
                break;
            }

            epsilon = rest / divisor;
            var largest = Enumerable.Range(0, n).Where(i => !dense[i]).Max(i => raw[i]);
            if (epsilon * largest <= 1)
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                if (!dense[i] && raw[i] == largest)
                {
                    dense[i] = true;
                }
            }
        }

        var exact = Enumerable.Range(0, n).Select(i => dense[i] ? layers[i].Count : epsilon * raw[i] * layers[i].Count).ToArray();
        return LayerKeepCounts.FromExactCounts(layers, exact, target);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
