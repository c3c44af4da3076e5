using LotteryTickets.Storage;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Where an experiment's instability analyses live in its folder:
/// <c>trial_&lt;t&gt;/level_&lt;L&gt;/instability/&lt;branch&gt;-&lt;rewind&gt;/</c> holds the two trained copies
/// (<c>copy_a/</c>, <c>copy_b/</c>, see <see cref="InstabilityTraining"/>) and, per evaluation setting,
/// <c>path-&lt;hash&gt;/</c> with <c>analysis.json</c>, <c>path.json</c>, <c>path.csv</c> and the <c>done</c> marker
/// written last; <c>trial_&lt;t&gt;/instability_rewind/&lt;rewind&gt;/state/</c> holds the dense network's training
/// state at a rewind point k &gt; 0. Pure path arithmetic.
/// </summary>
public sealed class InstabilityPaths
{
    /// <summary>The folder, inside a level's folder, holding its analyses (a name no branch of an analysed plan may take).</summary>
    public const string FolderName = "instability";

    /// <summary>The folder, inside a trial's folder, holding the dense network's states at the rewind points.</summary>
    public const string RewindStatesFolderName = "instability_rewind";

    /// <summary>The folder, inside a rewind point's folder, holding the <see cref="Training.TrainingCheckpoint"/>.</summary>
    public const string StateFolderName = "state";

    /// <summary>Copy A's folder name.</summary>
    public const string CopyAFolderName = "copy_a";

    /// <summary>Copy B's folder name.</summary>
    public const string CopyBFolderName = "copy_b";

    /// <summary>The prefix of an evaluated path's folder name, followed by the evaluation hash.</summary>
    public const string PathFolderPrefix = "path-";

    /// <summary>The record of the analysis (<see cref="InstabilityRecordJson"/>).</summary>
    public const string AnalysisFileName = "analysis.json";

    /// <summary>The path as JSON (<see cref="InterpolationPathJson"/>).</summary>
    public const string PathJsonFileName = "path.json";

    /// <summary>The path as CSV (<see cref="InterpolationPathCsv"/>).</summary>
    public const string PathCsvFileName = "path.csv";

    /// <summary>
    /// The suffix of the folder of an analysis under <see cref="InstabilityMasks.PerRewindPoint"/> (masks of the IMP chain
    /// rewound to its rewind point, data orders shared by the level's branches), so that its copies are never mistaken
    /// for those of a <see cref="InstabilityMasks.Plan"/> analysis, stored as <c>&lt;branch&gt;-&lt;rewind&gt;</c>.
    /// </summary>
    public const string PairedSuffix = "-paired";

    /// <summary>The marker written last when an analysis is done.</summary>
    public const string DoneFileName = "done";

    /// <summary>The paths of one analysis.</summary>
    /// <param name="layout">The experiment's layout.</param>
    /// <param name="trial">The trial.</param>
    /// <param name="level">The level.</param>
    /// <param name="branch">The branch whose mask is analysed.</param>
    /// <param name="rewind">The rewind point's label (<see cref="InstabilityAnalysisOptions.Label"/>).</param>
    /// <param name="evaluationHash">The hash of the evaluation options.</param>
    public InstabilityPaths(ExperimentLayout layout, int trial, int level, string branch, string rewind, string evaluationHash)
        : this(layout, trial, level, branch, rewind, evaluationHash, paired: false)
    {
    }

    /// <summary>The paths of one analysis, under <see cref="InstabilityMasks.PerRewindPoint"/> when <paramref name="paired"/>.</summary>
    /// <param name="layout">The experiment's layout.</param>
    /// <param name="trial">The trial.</param>
    /// <param name="level">The level.</param>
    /// <param name="branch">The branch whose mask is analysed.</param>
    /// <param name="rewind">The rewind point's label (<see cref="InstabilityAnalysisOptions.Label"/>).</param>
    /// <param name="evaluationHash">The hash of the evaluation options.</param>
    /// <param name="paired">Whether the analysis is of <see cref="InstabilityMasks.PerRewindPoint"/> (folder <c>&lt;branch&gt;-&lt;rewind&gt;-paired</c>).</param>
    public InstabilityPaths(ExperimentLayout layout, int trial, int level, string branch, string rewind, string evaluationHash, bool paired)
    {
        ArgumentNullException.ThrowIfNull(layout);
        StoreNames.ValidateBranchName(branch);
        Folder = Path.Combine(layout.LevelFolder(trial, level), FolderName, AnalysisFolderName(branch, rewind) + (paired ? PairedSuffix : string.Empty));
        EvaluationFolder = Path.Combine(Folder, PathFolderPrefix + evaluationHash);
    }

    /// <summary>The analysis's folder (the copies, and the unit's lock).</summary>
    public string Folder { get; }

    /// <summary>Copy A's folder.</summary>
    public string CopyA => Path.Combine(Folder, CopyAFolderName);

    /// <summary>Copy B's folder.</summary>
    public string CopyB => Path.Combine(Folder, CopyBFolderName);

    /// <summary>The folder of the path evaluated with one setting.</summary>
    public string EvaluationFolder { get; }

    /// <summary>The analysis record.</summary>
    public string AnalysisFile => Path.Combine(EvaluationFolder, AnalysisFileName);

    /// <summary>The path as JSON.</summary>
    public string PathJsonFile => Path.Combine(EvaluationFolder, PathJsonFileName);

    /// <summary>The path as CSV.</summary>
    public string PathCsvFile => Path.Combine(EvaluationFolder, PathCsvFileName);

    /// <summary>The done marker.</summary>
    public string DoneMarker => Path.Combine(EvaluationFolder, DoneFileName);

    /// <summary>Whether the analysis is done.</summary>
    public bool IsDone => File.Exists(DoneMarker);

    /// <summary>The folder name of one analysis: <c>&lt;branch&gt;-&lt;rewind&gt;</c>.</summary>
    /// <param name="branch">The branch.</param>
    /// <param name="rewind">The rewind point's label.</param>
    /// <returns>The folder name.</returns>
    public static string AnalysisFolderName(string branch, string rewind) => branch + "-" + rewind;

    /// <summary>The folder of the dense network's state at one rewind point (the unit's lock lives there).</summary>
    /// <param name="layout">The experiment's layout.</param>
    /// <param name="trial">The trial.</param>
    /// <param name="rewind">The rewind point's label.</param>
    /// <returns>The folder.</returns>
    public static string RewindPointFolder(ExperimentLayout layout, int trial, string rewind)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Path.Combine(layout.TrialFolder(trial), RewindStatesFolderName, rewind);
    }

    /// <summary>The <see cref="Training.TrainingCheckpoint"/> folder of the dense network's state at one rewind point.</summary>
    /// <param name="layout">The experiment's layout.</param>
    /// <param name="trial">The trial.</param>
    /// <param name="rewind">The rewind point's label.</param>
    /// <returns>The folder.</returns>
    public static string RewindStateFolder(ExperimentLayout layout, int trial, string rewind) =>
        Path.Combine(RewindPointFolder(layout, trial, rewind), StateFolderName);
}
