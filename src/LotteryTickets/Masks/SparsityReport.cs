using System.Globalization;
using System.Text;

namespace LotteryTickets.Masks;

/// <summary>Per-layer and global counts of the weights a mask keeps.</summary>
/// <param name="Layers">One entry per masked layer, in model order.</param>
public sealed record SparsityReport(IReadOnlyList<LayerSparsity> Layers)
{
    /// <summary>The number of prunable weights in all layers.</summary>
    public long Total => Layers.Sum(l => l.Total);

    /// <summary>The number of weights the mask keeps in all layers.</summary>
    public long Remaining => Layers.Sum(l => l.Remaining);

    /// <summary>The number of pruned weights in all layers.</summary>
    public long Pruned => Total - Remaining;

    /// <summary>The fraction of all prunable weights that remain, in [0, 1] (1 when there are none).</summary>
    public double FractionRemaining => Total == 0 ? 1 : (double)Remaining / Total;

    /// <summary>The percentage of all prunable weights that remain, in [0, 100].</summary>
    public double PercentRemaining => 100 * FractionRemaining;

    /// <summary>The fraction of all prunable weights that are pruned (1 − <see cref="FractionRemaining"/>).</summary>
    public double Sparsity => 1 - FractionRemaining;

    /// <summary>The report for one layer.</summary>
    /// <param name="name">The layer's state-dict name.</param>
    /// <exception cref="KeyNotFoundException">The report has no such layer.</exception>
    public LayerSparsity this[string name] =>
        Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new KeyNotFoundException($"The sparsity report has no layer '{name}'; its layers are {string.Join(", ", Layers.Select(l => $"'{l.Name}'"))}.");

    /// <summary>A plain-text table: one line per layer and a total line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var width = Math.Max(5, Layers.Count == 0 ? 0 : Layers.Max(l => l.Name.Length));
        sb.Append(CultureInfo.InvariantCulture, $"{"layer".PadRight(width)}  {"remaining",12}  {"total",12}  {"% remaining",11}").AppendLine();
        foreach (var l in Layers)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{l.Name.PadRight(width)}  {l.Remaining,12}  {l.Total,12}  {l.PercentRemaining,11:0.00}").AppendLine();
        }

        sb.Append(CultureInfo.InvariantCulture, $"{"total".PadRight(width)}  {Remaining,12}  {Total,12}  {PercentRemaining,11:0.00}");
        return sb.ToString();
    }
}
