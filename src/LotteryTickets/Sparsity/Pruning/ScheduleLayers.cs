using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>Matches the layer names a schedule mentions against a model's prunable layers.</summary>
internal static class ScheduleLayers
{
    /// <summary>The layers that take part (not ignored), after checking that every mentioned name exists.</summary>
    public static PrunableLayer[] Participating(
        string schedule, IReadOnlyList<PrunableLayer> layers, IReadOnlyCollection<string> ignored, IEnumerable<string> overridden)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var known = new HashSet<string>(layers.Select(l => l.Name), StringComparer.Ordinal);
        var unknown = ignored.Concat(overridden).Where(n => !known.Contains(n)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"The schedule '{schedule}' names {Quote(unknown)}, which the model does not have among its prunable layers {Quote(known)}. Use the parameter names of the model.",
                nameof(layers));
        }

        return layers.Where(l => !ignored.Contains(l.Name)).ToArray();
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
