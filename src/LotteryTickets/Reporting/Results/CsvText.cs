using System.Globalization;

namespace LotteryTickets.Results;

/// <summary>RFC 4180 CSV fields and numbers in the invariant culture, shared by the CSV writers.</summary>
internal static class CsvText
{
    public static string Field(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(double? value) => value is { } v ? Number(v) : string.Empty;

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static void WriteRow(TextWriter writer, IEnumerable<string> fields)
    {
        writer.Write(string.Join(",", fields));
        writer.Write('\n');
    }
}
