using LotteryTickets.Results;
using LotteryTickets.Masks;

namespace LotteryTickets.Storage;

/// <summary>Writes a run's results into its store folder, each file atomically (<see cref="AtomicFile"/>).</summary>
public static class RunResultsWriter
{
    /// <summary>Writes <c>metrics.json</c> and <c>metrics.csv</c>, creating the folder if needed.</summary>
    /// <param name="run">The run's paths.</param>
    /// <param name="metrics">The metrics.</param>
    public static void WriteMetrics(RunPaths run, RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        run.EnsureFolder();
        AtomicFile.Write(run.MetricsJsonFile, stream => MetricsJson.Write(metrics, stream));
        AtomicFile.WriteAllText(run.MetricsCsvFile, MetricsCsv.ToCsv(metrics));
    }

    /// <summary>Writes <c>sparsity.json</c>, creating the folder if needed.</summary>
    /// <param name="run">The run's paths.</param>
    /// <param name="report">The sparsity report.</param>
    public static void WriteSparsity(RunPaths run, SparsityReport report)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(report);
        run.EnsureFolder();
        AtomicFile.Write(run.SparsityFile, stream => SparsityReportJson.Write(report, stream));
    }

    /// <summary>
    /// Writes the <c>done</c> marker holding the <see cref="RunManifest"/> of the files in the run's folder (marker and
    /// manifest appear together, atomically); call it last, after every other file of the run is in place.
    /// </summary>
    /// <param name="run">The run's paths.</param>
    public static void MarkDone(RunPaths run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.EnsureFolder();
        RunIntegrity.MarkDone(run.Folder);
    }
}
