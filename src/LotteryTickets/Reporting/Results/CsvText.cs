using System.Globalization;
using System.Text;

namespace LotteryTickets.Results;

/// <summary>RFC 4180 CSV fields and numbers in the invariant culture, shared by the CSV writers and readers.</summary>
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

    /// <summary>Reads every record of a CSV text; quoted fields may hold commas, quotes and line breaks.</summary>
    public static List<string[]> ReadRecords(TextReader reader)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        records.Add([.. fields]);
                    }

                    fields.Clear();
                    field.Clear();
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }

    /// <summary>Maps each required column name to its index in the header; the message names the file and the missing column.</summary>
    public static Dictionary<string, int> Columns(string[] header, string source, IEnumerable<string> required)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            columns[header[i].Trim()] = i;
        }

        foreach (var name in required)
        {
            if (!columns.ContainsKey(name))
            {
                throw new InvalidDataException(
                    $"The CSV '{source}' has no column '{name}'; its header is '{string.Join(",", header)}'.");
            }
        }

        return columns;
    }

    public static double ParseDouble(string text, string source, int line, string column)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new InvalidDataException(string.Create(
            CultureInfo.InvariantCulture,
            $"The CSV '{source}' has '{text}' in column '{column}' on line {line}; a number in the invariant culture (e.g. 0.9812) was expected."));
    }

    public static int ParseInt(string text, string source, int line, string column)
    {
        var value = ParseLong(text, source, line, column);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The CSV '{source}' has {value} in column '{column}' on line {line}; it is too large for a 32-bit integer."));
        }

        return (int)value;
    }

    public static long ParseLong(string text, string source, int line, string column)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new InvalidDataException(string.Create(
            CultureInfo.InvariantCulture,
            $"The CSV '{source}' has '{text}' in column '{column}' on line {line}; an integer was expected."));
    }
}
