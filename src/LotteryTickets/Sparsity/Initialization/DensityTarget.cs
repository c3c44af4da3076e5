using System.Globalization;
using LotteryTickets.Masks;

namespace LotteryTickets.Initialization;

/// <summary>Checks that a number of weights to keep is possible for a list of layers.</summary>
internal static class DensityTarget
{
    public static long Total(IReadOnlyList<PrunableLayer> layers) => layers.Sum(l => l.Count);

    public static void Check(IReadOnlyList<PrunableLayer> layers, long target)
    {
        var total = Total(layers);
        if (target < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(target),
                string.Create(CultureInfo.InvariantCulture, $"The target of {target} weights to keep is negative; give a number of weights from 0 to {total}, the prunable layers' total."));
        }

        if (target > total)
        {
            throw new ArgumentOutOfRangeException(
                nameof(target),
                string.Create(CultureInfo.InvariantCulture, $"The target of {target} weights to keep exceeds the {total} weights of the prunable layers; keep at most {total} (a density of at most 1)."));
        }
    }
}
