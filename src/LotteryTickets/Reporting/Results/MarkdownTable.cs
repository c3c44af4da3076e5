using System.Text;

namespace LotteryTickets.Results;

/// <summary>A Markdown table with padded columns, numbers right-aligned, the one writer of the library's Markdown tables.</summary>
internal static class MarkdownTable
{
    public static string Write(IReadOnlyList<string> header, IReadOnlyList<bool> rightAligned, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Append(3).Max()).ToArray();
        var text = new StringBuilder();
        void Row(IReadOnlyList<string> cells, bool isHeader)
        {
            text.Append('|');
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = rightAligned[i] && !isHeader ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
                text.Append(' ').Append(cell).Append(" |");
            }

            text.Append('\n');
        }

        Row(header, isHeader: true);
        text.Append('|');
        for (var i = 0; i < header.Count; i++)
        {
            text.Append(' ').Append(rightAligned[i] ? new string('-', widths[i] - 1) + ":" : new string('-', widths[i])).Append(" |");
        }

        text.Append('\n');
        foreach (var row in rows)
        {
            Row(row, isHeader: false);
        }

        return text.ToString();
    }

    public static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
