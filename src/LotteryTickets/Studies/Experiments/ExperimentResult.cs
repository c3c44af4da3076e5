using LotteryTickets.Analysis.Instability;
using LotteryTickets.Results;
using LotteryTickets.Results.Plots;
using LotteryTickets.Storage;

namespace LotteryTickets.Experiments;

/// <summary>
/// The results of an experiment: one <see cref="RunRecord"/> per finished run, read from the store (so a resumed
/// experiment reports exactly what an uninterrupted one does), with the aggregated table and the report files.
/// </summary>
public sealed class ExperimentResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="name">The experiment name.</param>
    /// <param name="hash">The plan's content hash.</param>
    /// <param name="folder">The experiment folder in the store.</param>
    /// <param name="runs">The finished runs.</param>
    public ExperimentResult(string name, string hash, string folder, IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(runs);
        Name = name;
        Hash = hash;
        Folder = folder;
        Runs = [.. runs.OrderBy(r => r.Key)];
    }

    /// <summary>The experiment name.</summary>
    public string Name { get; }

    /// <summary>The plan's content hash.</summary>
    public string Hash { get; }

    /// <summary>The experiment folder, <c>&lt;root&gt;/&lt;name&gt;-&lt;hash&gt;</c>.</summary>
    public string Folder { get; }

    /// <summary>The finished runs, sorted by level, branch (main first), then trial.</summary>
    public IReadOnlyList<RunRecord> Runs { get; }

    /// <summary>
    /// Whether every run of the plan is done. A shard (<see cref="ExperimentPlan.Shard"/>) returns once its own share
    /// is done, possibly before the other shards', with the runs done so far and no report written.
    /// </summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>
    /// The finished instability analyses (<see cref="LotteryExperiment.WithInstabilityAnalysis"/>), read from the store,
    /// sorted by level, branch, rewind point, then trial; empty without an analysis.
    /// </summary>
    public IReadOnlyList<InstabilityResult> Instability { get; init; } = [];

    /// <summary>The report files written when the plan ran (tables and SVG figures), or empty.</summary>
    public IReadOnlyList<string> ReportFiles { get; internal set; } = [];

    /// <summary>
    /// How many trials have finished runs in the experiment folder: more than <see cref="Runs"/> holds when the same plan
    /// ran before with more trials (trials are not hashed). The folder's tables and figures show every one of them.
    /// </summary>
    public int FinishedTrialsInFolder { get; init; }

    /// <summary>Reads the finished runs of an experiment folder.</summary>
    /// <param name="experimentFolder">The folder <c>&lt;root&gt;/&lt;name&gt;-&lt;hash&gt;</c>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A finished run's files are damaged.</exception>
    public static ExperimentResult Load(string experimentFolder)
    {
        var results = new ResultsCollector().CollectStore(experimentFolder);
        if (results.Count != 1)
        {
            throw new InvalidDataException($"The folder '{experimentFolder}' is not one experiment folder (it holds {results.Count}); pass the folder '<name>-<hash>' itself.");
        }

        var r = results[0];
        return new ExperimentResult(r.Name, r.Hash, r.Folder, r.Runs) { Instability = new InstabilityCollector().Collect(r.Folder) };
    }

    /// <summary>The runs aggregated over trials per level and branch (mean, standard deviation, confidence interval).</summary>
    /// <param name="confidenceLevel">The confidence level of the intervals.</param>
    /// <returns>The aggregates, sorted by level, then branch.</returns>
    public IReadOnlyList<AggregatedResult> Aggregate(double confidenceLevel = SummaryStatistics.DefaultConfidenceLevel) =>
        ResultsAggregator.Aggregate(Runs, confidenceLevel);

    /// <summary>The aggregated results as a Markdown table (see <see cref="ResultsTable.ToMarkdown"/>).</summary>
    /// <returns>The table.</returns>
    public string ToMarkdownTable() => ResultsTable.ToMarkdown(Aggregate());

    /// <summary>
    /// Writes the tables and figures (<see cref="ReportWriter"/>) into <paramref name="folder"/>, or the experiment folder;
    /// with instability analyses, their report too (<see cref="InstabilityReportWriter.Write"/>).
    /// </summary>
    /// <param name="folder">The output folder, or <see langword="null"/> for <see cref="Folder"/>.</param>
    /// <param name="errorBars">What the error bars show.</param>
    /// <returns>The files written.</returns>
    /// <exception cref="ArgumentException">There are no finished runs.</exception>
    public IReadOnlyList<string> WriteReport(string? folder = null, ErrorBarKind errorBars = ErrorBarKind.StandardDeviation)
    {
        var written = ReportWriter.Write(folder ?? Folder, Runs, errorBars);
        if (Instability.Count > 0)
        {
            written = [.. written, .. InstabilityReportWriter.Write(folder ?? Folder, Instability)];
        }

        ReportFiles = written;
        return written;
    }
}
