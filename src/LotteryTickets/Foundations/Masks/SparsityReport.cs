using System.Globalization;
using System.Text;

namespace LotteryTickets.Masks;

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

    /// <summary>The number of pruned weights over all layers.</summary>
    public long Pruned => Total - Remaining;

    /// <summary>The fraction of prunable weights remaining, in [0, 1] (1 when there are none).</summary>
    public double FractionRemaining => Total == 0 ? 1 : (double)Remaining / Total;

    /// <summary>The fraction of prunable weights pruned (1 − <see cref="FractionRemaining"/>).</summary>
    public double Sparsity => 1 - FractionRemaining;

    /// <summary>The entry for one layer.</summary>
    /// <param name="name">The layer's state-dict name.</param>
    /// <exception cref="KeyNotFoundException">The report has no such layer.</exception>
    public LayerSparsity this[string name] =>
        layers.FirstOrDefault(l => l.Name == name)
        ?? throw new KeyNotFoundException($"The sparsity report has no layer '{name}'; its layers are {string.Join(", ", layers.Select(l => $"'{l.Name}'"))}.");

    /// <summary>A plain-text table: one line per layer and a total line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var width = Math.Max(5, layers.Length == 0 ? 0 : layers.Max(l => l.Name.Length));
        sb.Append(CultureInfo.InvariantCulture, $"{"layer".PadRight(width)}  {"remaining",12}  {"total",12}  {"% remaining",11}").AppendLine();
        foreach (var l in layers)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{l.Name.PadRight(width)}  {l.Remaining,12}  {l.Total,12}  {l.PercentRemaining,11:0.00}").AppendLine();
        }

        sb.Append(CultureInfo.InvariantCulture, $"{"total".PadRight(width)}  {Remaining,12}  {Total,12}  {PercentRemaining,11:0.00}");
        return sb.ToString();
    }
}
