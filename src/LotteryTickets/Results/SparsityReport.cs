using System.Globalization;

namespace LotteryTickets.Results;

/// <summary>Per-layer and global counts of the weights a mask keeps.</summary>
public sealed class SparsityReport
{
    private readonly LayerSparsity[] layers;

    /// <summary>Creates the report.</summary>
    /// <param name="layers">One entry per prunable tensor, in model order, with distinct names.</param>
    /// <exception cref="ArgumentException">A layer is null or two layers share a name.</exception>
    public SparsityReport(IEnumerable<LayerSparsity> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        this.layers = layers.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in this.layers)
        {
            if (layer is null)
            {
                throw new ArgumentException("The sparsity report has a null layer.", nameof(layers));
            }

            if (!names.Add(layer.Name))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The layer '{layer.Name}' appears twice in the sparsity report; layer names must be distinct."),
                    nameof(layers));
            }

            Total += layer.Total;
            Remaining += layer.Remaining;
        }
    }

    /// <summary>The layers in model order.</summary>
    public IReadOnlyList<LayerSparsity> Layers => layers;

    /// <summary>The number of prunable weights over all layers.</summary>
    public long Total { get; }

    /// <summary>The number of weights kept over all layers.</summary>
    public long Remaining { get; }

    /// <summary>The percentage of prunable weights remaining, 0 to 100; 100 when there are none.</summary>
    public double PercentRemaining => LayerSparsity.Percent(Remaining, Total);
}
