using System.Globalization;
using LotteryTickets.Results;
using LotteryTickets.Storage;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// An <see cref="InterpolationPath"/> as CSV, one row per point: <c>alpha,loss,error</c>, then
/// <c>trainLoss,trainError</c> when the path has training values; invariant culture, round-trip numbers, <c>\n</c> line ends.
/// </summary>
public static class InterpolationPathCsv
{
    /// <summary>The path as CSV text.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The CSV text with a header row.</returns>
    public static string ToCsv(InterpolationPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        string[] header = path.HasTrainingValues ? ["alpha", "loss", "error", "trainLoss", "trainError"] : ["alpha", "loss", "error"];
        CsvText.WriteRow(writer, header);
        foreach (var p in path.Points)
        {
            string[] row = path.HasTrainingValues
                ? [CsvText.Number(p.Alpha), CsvText.Number(p.Loss), CsvText.Number(p.Error), CsvText.Number(p.TrainLoss), CsvText.Number(p.TrainError)]
                : [CsvText.Number(p.Alpha), CsvText.Number(p.Loss), CsvText.Number(p.Error)];
            CsvText.WriteRow(writer, row);
        }

        return writer.ToString();
    }

    /// <summary>Writes the CSV of <paramref name="path"/> to <paramref name="file"/> atomically (<see cref="AtomicFile"/>).</summary>
    /// <param name="path">The path.</param>
    /// <param name="file">The file; its folder must exist.</param>
    public static void Save(InterpolationPath path, string file) => AtomicFile.WriteAllText(file, ToCsv(path));
}
