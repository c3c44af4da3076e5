using System.Globalization;
using LotteryTickets.Cli.Configuration;
using LotteryTickets.Cli.Running;
using LotteryTickets.Experiments;
using LotteryTickets.Training;

namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// Checks the values of an <see cref="ExperimentFile"/> and lists every problem, each starting with its key path
/// (<c>training.duration: 'abc' is not a duration like '2ep' or '500it'.</c>). The file's own rules (required keys,
/// values the file writes as text, folders) are checked here; the rules of the experiment itself (names of parts,
/// ranges, branch names, a gradual schedule's rewinding, the analyses) are the builder's: the file is mapped onto a
/// <see cref="LotteryExperiment"/> and its problems reported under the file's key paths (<see cref="BuilderErrorPaths"/>).
/// </summary>
public static class ExperimentFileValidator
{
    /// <summary>Every problem of <paramref name="file"/>: its own in key order, then those of the experiment it describes; empty when it is valid.</summary>
    /// <param name="file">The experiment file.</param>
    /// <param name="parts">The registry that names criteria, rewind policies and transforms; <see langword="null"/> for the built-ins.</param>
    /// <returns>The problems.</returns>
    public static IReadOnlyList<string> GetErrors(ExperimentFile file, ComponentRegistry? parts = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        parts ??= ComponentRegistry.BuiltIn;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Name))
        {
            errors.Add("name: missing; give the experiment a name, e.g. 'lenet-imp' (it names its folder in the store).");
        }

        var zoo = ExperimentNames.Find(ExperimentNames.Models, file.Model.Name ?? string.Empty);
        var registered = ExperimentNames.Find(parts.Models.Names, file.Model.Name ?? string.Empty);
        if (string.IsNullOrWhiteSpace(file.Model.Name))
        {
            errors.Add("model.name: missing; name a network of the model zoo, e.g. 'lenet_300_100'.");
        }
        else if (zoo is null && registered is null)
        {
            errors.Add($"model.name: the network '{file.Model.Name}' is not in the model zoo; the known networks are {ExperimentNames.Quote(parts.Models.Names)}.");
        }

        if (zoo is not null || registered is null)
        {
            CheckModelOptions(file.Model, errors);
        }

        CheckDataset(file.Dataset, errors);
        CheckTraining(file.Training, errors);
        CheckPruning(file.Pruning, errors);
        AnalysisChecks.Check(file, errors);
        if (!IsDevice(file.Device))
        {
            errors.Add($"device: '{file.Device}' is not a device; write 'cpu', 'cuda' or 'cuda:N'.");
        }

        if (string.IsNullOrWhiteSpace(file.Store))
        {
            errors.Add("store: empty; give the folder that receives the results, e.g. 'store'.");
        }

        errors.AddRange(BuilderErrors(file, parts, errors));
        return errors;
    }

    /// <summary>Whether <paramref name="text"/> names a device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public static bool IsDevice(string? text)
    {
        var t = text?.Trim().ToLowerInvariant();
        return t is "cpu" or "cuda"
            || (t is not null && t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out _));
    }

    /// <summary>
    /// The problems the builder finds in the experiment <paramref name="file"/> describes, under the file's key paths;
    /// a problem of a key already reported in <paramref name="found"/> is left out.
    /// </summary>
    private static IEnumerable<string> BuilderErrors(ExperimentFile file, ComponentRegistry parts, List<string> found)
    {
        var problems = ExperimentFileMapper.ScheduleProblems(file).ToList();
        try
        {
            ExperimentFileMapper.ToBuilder(file, Path.GetFullPath(string.IsNullOrWhiteSpace(file.Store) ? ExperimentFile.DefaultStore : file.Store), parts, forChecks: true).Build();
        }
        catch (ExperimentValidationException e)
        {
            problems.AddRange(e.Problems);
        }
        catch (Exception e) when (found.Count + problems.Count > 0 && e is ArgumentException or FormatException or InvalidOperationException)
        {
            // A value reported above keeps the file from being mapped; the builder checks the rest once it is corrected.
        }

        var reported = found.Select(KeyOf).ToList();
        return problems.Select(p => BuilderErrorPaths.Describe(p, file)).Where(p => !reported.Exists(r => SameProblem(r, KeyOf(p)))).ToList();
    }

    private static string KeyOf(string error) => ConfigBinder.Normalize(error.Split(": ", 2)[0]);

    // The builder's problem of a key already reported, or of a whole section ('dataset', 'model') in which a key is:
    // the file's message says what to correct there.
    private static bool SameProblem(string reported, string builder) =>
        reported == builder
        || (builder.IndexOfAny(['.', '[']) < 0 && reported.StartsWith(builder, StringComparison.Ordinal) && reported[builder.Length] is '.' or '[');

    private static void CheckModelOptions(ModelSection model, List<string> errors)
    {
        foreach (var (key, value) in model.Options)
        {
            var option = ExperimentNames.Find(ExperimentNames.ModelOptions, key);
            if (option is null)
            {
                errors.Add($"model.options.{key}: unknown option; the known options are {ExperimentNames.Quote(ExperimentNames.ModelOptions)}.");
            }
            else if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var width) || !double.IsFinite(width) || width <= 0)
            {
                errors.Add($"model.options.{key}: '{value}' is not a width multiplier; give a number above 0, e.g. 0.5 (1 for the paper's widths).");
            }
        }
    }

    private static void CheckDataset(DatasetSection dataset, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(dataset.Name))
        {
            errors.Add($"dataset.name: missing; name one of {ExperimentNames.Quote(ExperimentNames.Datasets)}.");
        }
        else if (!ExperimentNames.Datasets.Contains(dataset.Name.Trim().ToLowerInvariant()))
        {
            errors.Add($"dataset.name: the data set '{dataset.Name}' is unknown; the known data sets are {ExperimentNames.Quote(ExperimentNames.Datasets)}.");
        }

        if (dataset.Validation < 1)
        {
            errors.Add(Invariant($"dataset.validation: {dataset.Validation} leaves no validation set, which early stopping needs; give the number of training examples held out for validation, e.g. 5000."));
        }

        if (dataset.Folder is not null && !Directory.Exists(dataset.Folder))
        {
            errors.Add($"dataset.folder: the folder '{Path.GetFullPath(dataset.Folder)}' does not exist; give the folder that holds the data set's files, or leave the key out.");
        }
    }

    private static void CheckTraining(TrainingSection training, List<string> errors)
    {
        if (training.Duration is null)
        {
            errors.Add("training.duration: missing; give how long each run trains, e.g. '2ep' or '500it'.");
        }
        else
        {
            CheckDuration("training.duration", training.Duration, positive: true, errors);
        }

        if (!(training.Momentum >= 0 && training.Momentum < 1))
        {
            errors.Add(Invariant($"training.momentum: {training.Momentum} is outside [0, 1); give e.g. 0.9, or 0 for none."));
        }

        var scheduleKnown = CheckName("training.schedule", "schedule", training.Schedule, ExperimentNames.Schedules, errors);
        for (var i = 0; i < training.Milestones.Count; i++)
        {
            CheckDuration(Invariant($"training.milestones[{i}]"), training.Milestones[i], positive: true, errors);
        }

        var schedule = training.Schedule.Trim().ToLowerInvariant();
        if (scheduleKnown && schedule == "step" && training.Milestones.Count != 1)
        {
            errors.Add("training.milestones: the 'step' schedule needs exactly one milestone, the step size (e.g. ['10ep']).");
        }
        else if (scheduleKnown && schedule == "multistep" && training.Milestones.Count == 0)
        {
            errors.Add("training.milestones: the 'multistep' schedule needs at least one milestone (e.g. ['20ep', '30ep']).");
        }

        if (!(training.Gamma > 0))
        {
            errors.Add(Invariant($"training.gamma: {training.Gamma} is not a factor; give a number above 0, e.g. 0.1."));
        }

        if (training.Warmup is not null)
        {
            CheckDuration("training.warmup", training.Warmup, positive: false, errors);
        }

        if (training.EvaluationInterval is not null)
        {
            CheckDuration("training.evaluationInterval", training.EvaluationInterval, positive: false, errors);
        }

        if (training.CheckpointInterval is not null)
        {
            CheckDuration("training.checkpointInterval", training.CheckpointInterval, positive: false, errors);
        }
    }

    private static void CheckPruning(PruningSection pruning, List<string> errors)
    {
        CheckName("pruning.scope", "scope", pruning.Scope, ExperimentNames.Scopes, errors);
        var given = new[] { ("iterative", pruning.Iterative is not null), ("oneShot", pruning.OneShot is not null), ("gradual", pruning.Gradual is not null), ("schedule", pruning.Schedule is not null) }
            .Where(s => s.Item2).Select(s => $"'{s.Item1}'").ToList();
        if (given.Count == 0)
        {
            errors.Add("pruning: give a schedule, one of 'iterative' (levels, rate, outputRate), 'oneShot' (sparsity), 'gradual' (curve, sparsity, start, end, ...) or 'schedule' (a registered schedule by name, e.g. 'iterative(levels=5)').");
            return;
        }

        if (given.Count > 1)
        {
            errors.Add($"pruning: give one schedule of 'iterative', 'oneShot', 'gradual' and 'schedule', not {string.Join(" and ", given)}.");
            return;
        }

        // The ranges of the schedule's options are the options' own (ExperimentFileMapper.ScheduleProblems); an ignored
        // layer given a value is checked here, where the options of a one-shot or gradual schedule do not check it.
        var (path, fractions) = pruning.OneShot is { } oneShot ? ("pruning.oneShot.layerSparsities", oneShot.LayerSparsities)
            : pruning.Gradual is { } gradual ? ("pruning.gradual.layerSparsities", gradual.LayerSparsities)
            : (null, []);
        foreach (var name in fractions.Keys.Where(n => pruning.Ignore.Contains(n, StringComparer.Ordinal)))
        {
            errors.Add($"{path}.{name}: the layer is also in 'pruning.ignore'; keep it in one of the two.");
        }

        if (pruning.OneShot is { Sparsity: null })
        {
            errors.Add("pruning.oneShot.sparsity: missing; give the target fraction of prunable weights that are zero, e.g. 0.9.");
        }
        else if (pruning.Gradual is { } section)
        {
            CheckGradual(section, errors);
        }
    }

    private static void CheckGradual(GradualScheduleSection gradual, List<string> errors)
    {
        if (ExperimentNames.Find(ExperimentNames.Curves, gradual.Curve) is null)
        {
            errors.Add($"pruning.gradual.curve: the curve '{gradual.Curve}' is unknown; the known curves are {ExperimentNames.Quote(ExperimentNames.Curves)}.");
        }

        if (gradual.Steps < 1)
        {
            errors.Add(Invariant($"pruning.gradual.steps: {gradual.Steps} is not a number of jumps; give 1 or more, e.g. 3."));
        }

        if (gradual.Sparsity is null)
        {
            errors.Add("pruning.gradual.sparsity: missing; give the final fraction of prunable weights that are zero, e.g. 0.9.");
        }
    }

    private static bool CheckName(string path, string what, string value, IReadOnlyList<string> known, List<string> errors)
    {
        if (known.Contains(value.Trim().ToLowerInvariant()))
        {
            return true;
        }

        errors.Add($"{path}: the {what} '{value}' is unknown; the known values are {ExperimentNames.Quote(known)}.");
        return false;
    }

    private static void CheckDuration(string path, string text, bool positive, List<string> errors)
    {
        if (!TrainingDuration.TryParse(text, out var duration))
        {
            errors.Add($"{path}: '{text}' is not a duration like '2ep' or '500it'.");
        }
        else if (positive && duration.Count == 0)
        {
            errors.Add($"{path}: '{text}' is zero; give a duration of at least 1, like '2ep' or '500it'.");
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
