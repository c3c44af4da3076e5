using System.Globalization;
using System.Text.Json.Nodes;
using LotteryTickets.Experiments;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Training;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// The instability analysis of an experiment (<see cref="LotteryExperiment.WithInstabilityAnalysis"/>): for every
/// chosen trial level, branch and rewind point k, two copies of the level's network are trained from its state at k
/// under its mask with two data orders, and the path between them is evaluated (<see cref="LinearModeConnectivity"/>).
/// </summary>
/// <remarks>
/// The analysis is not part of the plan's hash: adding it to an experiment reuses the experiment's trained runs. Its
/// results are stored per trial, level, branch and rewind point, the evaluated path under a hash of the options that
/// change its numbers (<see cref="Points"/>, <see cref="BatchNormBatches"/>, <see cref="TrainingSet"/>), so changing
/// them evaluates the stored copies again without training them again (see <c>docs/instability.md</c>).
/// </remarks>
public sealed class InstabilityAnalysisOptions
{
    /// <summary>The default number of evaluated points: 31, i.e. 30 segments, α = 0, 1/30, …, 1.</summary>
    public const int DefaultPoints = 31;

    /// <summary>The rewind points k, as training durations (<c>0it</c>, <c>100it</c>, <c>2ep</c>); 0 is the initialization.</summary>
    /// <value>The default value is <c>["0it"]</c>.</value>
    public List<string> RewindPoints { get; set; } = ["0it"];

    /// <summary>
    /// The number of evaluated points n along the path, at least 2: α = i / (n − 1), i = 0 … n − 1 — the meaning of
    /// <c>points</c> in <see cref="LinearModeConnectivity"/>'s <c>Evaluate</c>.
    /// N segments are N + 1 points.
    /// </summary>
    /// <value>The default value is <see cref="DefaultPoints"/> (30 segments).</value>
    public int Points { get; set; } = DefaultPoints;

    /// <summary>The training batches over which batch-norm statistics are recomputed at each point (networks with batch norm only; 0 keeps the interpolated statistics).</summary>
    /// <value>The default value is <see cref="InterpolationOptions.DefaultBatchNormBatches"/>.</value>
    public int BatchNormBatches { get; set; } = InterpolationOptions.DefaultBatchNormBatches;

    /// <summary>Whether the path is also evaluated on the training set (train loss, error and barrier).</summary>
    /// <value>The default value is <see langword="false"/>: the test set only.</value>
    public bool TrainingSet { get; set; }

    /// <summary>The levels analysed (0 = the dense network), or <see langword="null"/> for every level of the plan.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public List<int>? Levels { get; set; }

    /// <summary>
    /// The branches whose stored masks are analysed: <c>main</c> (the tickets) and control branches of the plan, such as
    /// <c>random_pruning</c>. Level 0 (the dense network) is analysed for <c>main</c> only.
    /// </summary>
    /// <value>The default value is <c>["main"]</c>.</value>
    public List<string> Branches { get; set; } = [RunKey.MainBranch];

    /// <summary>
    /// Which masks the copies at rewind point k train under: by default those of iterative magnitude pruning rewound to
    /// k (the paper's tickets; an IMP chain per k, run or reused in the store), or the plan's own masks at every k.
    /// </summary>
    /// <value>The default value is <see cref="InstabilityMasks.PerRewindPoint"/>.</value>
    public InstabilityMasks Masks { get; set; } = InstabilityMasks.PerRewindPoint;

    /// <summary>A deep copy.</summary>
    /// <returns>The copy.</returns>
    public InstabilityAnalysisOptions Copy() => new()
    {
        RewindPoints = [.. RewindPoints],
        Points = Points,
        BatchNormBatches = BatchNormBatches,
        TrainingSet = TrainingSet,
        Levels = Levels is null ? null : [.. Levels],
        Branches = [.. Branches],
        Masks = Masks,
    };

    /// <summary>Every problem of the options on their own (the plan's branches, levels and duration are checked by <see cref="LotteryExperiment.Build"/>).</summary>
    /// <returns>The problems, as sentences; empty when they are valid.</returns>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (RewindPoints is null || RewindPoints.Count == 0)
        {
            errors.Add("'RewindPoints' is empty; give at least one rewind point, e.g. '0it'.");
        }
        else
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var text in RewindPoints)
            {
                if (!TrainingDuration.TryParse(text, out var point))
                {
                    errors.Add($"The rewind point '{text}' is not a duration; write it like '0it', '500it' or '2ep'.");
                }
                else if (!seen.TryAdd(Label(point), text))
                {
                    errors.Add($"The rewind point '{text}' is given twice (as '{seen[Label(point)]}'); list each once.");
                }
            }
        }

        if (Points < 2)
        {
            errors.Add(Invariant($"'Points' is {Points}; give the number of evaluated points, at least 2 (31 points are 30 segments)."));
        }

        if (BatchNormBatches < 0)
        {
            errors.Add(Invariant($"'BatchNormBatches' is {BatchNormBatches}; give 0 or more (0 keeps the interpolated statistics)."));
        }

        foreach (var level in Levels ?? [])
        {
            if (level < 0)
            {
                errors.Add(Invariant($"The level {level} is negative; levels count from 0 (the dense network)."));
            }
        }

        if (Levels is { } levels && levels.Distinct().Count() != levels.Count)
        {
            errors.Add("'Levels' lists a level twice; list each once.");
        }

        if (Branches is null || Branches.Count == 0)
        {
            errors.Add($"'Branches' is empty; give at least one branch, e.g. '{RunKey.MainBranch}'.");
        }
        else
        {
            foreach (var branch in Branches)
            {
                if (!StoreNames.IsValidName(branch))
                {
                    errors.Add($"The branch name '{branch}' is invalid; name '{RunKey.MainBranch}' or a control branch of the plan.");
                }
            }

            if (Branches.Distinct(StringComparer.Ordinal).Count() != Branches.Count)
            {
                errors.Add("'Branches' lists a branch twice; list each once.");
            }
        }

        if (!Enum.IsDefined(Masks))
        {
            errors.Add(Invariant($"'Masks' is {(int)Masks}; choose '{InstabilityMasks.PerRewindPoint}' or '{InstabilityMasks.Plan}'."));
        }

        return errors;
    }

    /// <summary>The name of a rewind point in the store and the results: <c>0it</c> for every zero point, otherwise as written (<c>100it</c>, <c>2ep</c>).</summary>
    /// <param name="point">The rewind point.</param>
    /// <returns>The label.</returns>
    public static string Label(TrainingDuration point) => point.Count == 0 ? TrainingDuration.Iterations(0).ToString() : point.ToString();

    /// <summary>The rewind points, parsed, in the order given (the options must be valid).</summary>
    internal IReadOnlyList<TrainingDuration> ParsedRewindPoints() => [.. RewindPoints.Select(TrainingDuration.Parse)];

    /// <summary>The levels analysed in a plan of <paramref name="planLevels"/> levels after the dense one, ascending.</summary>
    internal IReadOnlyList<int> LevelsOf(int planLevels) =>
        [.. (Levels ?? Enumerable.Range(0, planLevels + 1)).Where(l => l <= planLevels).Distinct().Order()];

    /// <summary>The canonical JSON of the options that change an evaluated path's numbers.</summary>
    internal string EvaluationDescription => PlanDescription.Canonical(new JsonObject
    {
        ["batchNormBatches"] = BatchNormBatches,
        ["points"] = Points,
        ["trainingSet"] = TrainingSet,
    });

    /// <summary>The hash naming an evaluated path's folder: the first 16 hexadecimal digits of the SHA-256 of <see cref="EvaluationDescription"/>.</summary>
    internal string EvaluationHash => PlanDescription.Hash(EvaluationDescription);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
