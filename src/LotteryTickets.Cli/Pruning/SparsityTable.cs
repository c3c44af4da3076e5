using System.Globalization;
using System.Text;
using LotteryTickets.Masks;

namespace LotteryTickets.Cli.Pruning;

/// <summary>Renders a <see cref="SparsityReport"/> as a plain-text table: one row per layer and a total row.</summary>
internal static class SparsityTable
{
    public static string Render(SparsityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Layers.Select(l => Row(l.Name, l.Total, l.Remaining)).Append(Row("total", report.Total, report.Remaining)).ToList();
        string[] header = ["layer", "weights", "remaining", "pruned", "% remaining", "sparsity"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                sb.Append(i == 0 ? cells[i].PadRight(widths[i]) : "  " + cells[i].PadLeft(widths[i]));
            }

            sb.AppendLine();
        }

        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows.Take(rows.Count - 1))
        {
            Line(row);
        }

        Line(widths.Select(w => new string('-', w)).ToArray());
        Line(rows[^1]);
        return sb.ToString();
    }

    private static string[] Row(string name, long total, long remaining) =>
    [
        name,
        total.ToString(CultureInfo.InvariantCulture),
        remaining.ToString(CultureInfo.InvariantCulture),
        (total - remaining).ToString(CultureInfo.InvariantCulture),
        (total == 0 ? 100.0 : 100.0 * remaining / total).ToString("0.00", CultureInfo.InvariantCulture),
        (total == 0 ? 0.0 : 1.0 - ((double)remaining / total)).ToString("0.0000", CultureInfo.InvariantCulture),
    ];
}
