using System.Globalization;
using LotteryTickets.Analysis.Instability;
using LotteryTickets.Components;
using LotteryTickets.Pruning;
using LotteryTickets.Results;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>The checks <see cref="LotteryExperiment.Build"/> makes of the settings, every problem listed at once.</summary>
internal static class ExperimentValidation
{
    /// <summary>Every problem of <paramref name="settings"/>, with the option it concerns.</summary>
    /// <param name="settings">The builder's settings.</param>
    /// <returns>The problems; empty when the plan can be built.</returns>
    public static List<ExperimentError> Validate(ExperimentSettings settings)
    {
        var errors = new List<ExperimentError>();
        if (!StoreNames.IsValidName(settings.Name))
        {
            errors.Add(new("name", $"The experiment name '{settings.Name}' is invalid: it must not be empty, '.' or '..', contain '/', '\\' or control characters, or start or end with white space. Choose a name such as 'lenet-imp'."));
        }

        if (settings.Model is null)
        {
            errors.Add(new("model", "No model is set; call WithModel with a zoo name (e.g. 'lenet300_100') or a named factory."));
        }
        else
        {
            errors.AddRange(settings.Model.Validate().Select(e => new ExperimentError("model", e)));
        }

        if (settings.Data is null)
        {
            errors.Add(new("data", "No data is set; call WithData with DatasetSplits or a dataset name (e.g. 'fashion-mnist')."));
        }
        else
        {
            errors.AddRange(settings.Data.Validate().Select(e => new ExperimentError("data", e)));
        }

        errors.AddRange(settings.Training.GetValidationErrors().Select(e => new ExperimentError(ExperimentError.OptionOf("training", e), "Training: " + e)));
        if (settings.Device is not null && settings.Training.Device.type != DeviceType.CPU && !SameDevice(settings.Device, settings.Training.Device))
        {
            errors.Add(new("device", $"The experiment trains on '{settings.Device}' (OnDevice) but its training options say '{settings.Training.Device}' (WithTraining: Device); say where it trains in one place, OnDevice or TrainingOptions.Device."));
        }

        errors.AddRange(settings.Locks.GetValidationErrors().Select(e => new ExperimentError(ExperimentError.OptionOf("locks", e), e)));
        errors.AddRange(settings.Deferred);
        switch (settings.Schedule)
        {
            case ILevelPruneSchedule levelSchedule:
                if (levelSchedule.Levels > LotteryExperiment.MaxLevels)
                {
                    errors.Add(new("schedule", string.Create(CultureInfo.InvariantCulture, $"The schedule has {levelSchedule.Levels} levels; give at most {LotteryExperiment.MaxLevels} (at 20% per level, 100 levels leave 2·10⁻¹⁰ of the weights).")));
                }

                break;
            case IGradualPruneSchedule:
                if (settings.Rewind.Name != RewindToInitialization.PolicyName || settings.Rewind is IDescribable)
                {
                    errors.Add(new("rewind", $"The rewind policy '{settings.Rewind.Name}' does not apply to a gradual schedule, whose 'RewindEpoch' and 'ResetAtEnd' choose the ticket's start weights; remove WithRewind or use a level schedule such as IterativeRates."));
                }

                if (((IGradualPruneSchedule)settings.Schedule).ResetAtEnd && settings.Branches.Any(b => b.Name == ExperimentPlan.TicketBranch))
                {
                    errors.Add(new(ExperimentError.BranchOption(ExperimentPlan.TicketBranch), $"The branch name '{ExperimentPlan.TicketBranch}' is reserved for the evaluated ticket of a gradual schedule with 'ResetAtEnd'; give the branch another name."));
                }

                break;
            default:
                errors.Add(new("schedule", $"The schedule '{settings.Schedule.GetType().Name}' is neither an ILevelPruneSchedule nor an IGradualPruneSchedule; implement one of the two."));
                break;
        }

        if (settings.Rewind.CapturePoint is { } point && point.Unit == settings.Training.Duration.Unit && point.Count > settings.Training.Duration.Count)
        {
            errors.Add(new("rewind", $"The rewind point {point} of the policy '{settings.Rewind.Name}' lies after the end of training ({settings.Training.Duration}); choose a point within the training duration."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var branch in settings.Branches)
        {
            var option = ExperimentError.BranchOption(branch.Name);
            if (!StoreNames.IsValidName(branch.Name))
            {
                errors.Add(new(option, $"The branch name '{branch.Name}' is invalid: it must not be empty, '.' or '..', contain '/', '\\' or control characters, or start or end with white space. Choose a name such as 'reinit'."));
            }
            else if (branch.Name == RunKey.MainBranch)
            {
                errors.Add(new(option, $"The branch name '{RunKey.MainBranch}' is reserved for the ticket itself; give the branch another name."));
            }
            else if (branch.Name == Analysis.Instability.InstabilityPaths.FolderName)
            {
                errors.Add(new(option, $"The branch name '{branch.Name}' is reserved: it is the name of the analyses' folder inside each level (even when the plan has no analysis yet, since adding one keeps the plan's folder); give the branch another name."));
            }
            else if (!seen.Add(branch.Name))
            {
                errors.Add(new(option, $"The branch '{branch.Name}' is added twice; give each branch its own name."));
            }

            if ((branch.Transforms.Count == 0 || branch.Transforms.Any(t => t is null)) && !settings.Deferred.Exists(e => e.Option == option))
            {
                errors.Add(new(option, $"The branch '{branch.Name}' has no transforms (or a null one); give it at least one ticket transform."));
            }
        }

        if (settings.Trials < 1 || settings.Trials > LotteryExperiment.MaxTrials)
        {
            errors.Add(new("trials", string.Create(CultureInfo.InvariantCulture, $"'Trials' is {settings.Trials}; it must be from 1 to {LotteryExperiment.MaxTrials}.")));
        }

        if (string.IsNullOrWhiteSpace(settings.Store))
        {
            errors.Add(new("store", "No store folder is set; call StoreIn with the folder that receives the experiment's results."));
        }

        if (settings.CheckpointInterval.Count <= 0)
        {
            errors.Add(new("checkpointInterval", $"The checkpoint interval is {settings.CheckpointInterval}; it must be greater than 0."));
        }

        errors.AddRange(ValidateAnalyses(settings));

        return errors;
    }

    private static bool SameDevice(Device a, Device b) =>
        a.type == b.type && (a.index == b.index || (a.type == DeviceType.CUDA && Math.Max(a.index, 0) == Math.Max(b.index, 0)));

    /// <summary>The checks of the analyses against the plan.</summary>
    private static IEnumerable<ExperimentError> ValidateAnalyses(ExperimentSettings settings)
    {
        if (settings.Instability is not { } options)
        {
            yield break;
        }

        const string Section = "analysis.instability";
        const string Prefix = "Instability analysis: ";
        foreach (var error in options.GetValidationErrors())
        {
            yield return new(InstabilityOption(error), Prefix + error);
        }

        if (options.Points > LotteryExperiment.MaxInstabilityPoints)
        {
            yield return new(Section + ".Points", Prefix + string.Create(CultureInfo.InvariantCulture, $"'Points' is {options.Points}; give at most {LotteryExperiment.MaxInstabilityPoints} (each point is an evaluation of the whole test set; 31 is the paper's resolution)."));
        }

        if (options.RewindPoints is { Count: > LotteryExperiment.MaxInstabilityRewindPoints } many)
        {
            yield return new(Section + ".RewindPoints", Prefix + string.Create(CultureInfo.InvariantCulture, $"{many.Count} rewind points are given; give at most {LotteryExperiment.MaxInstabilityRewindPoints} (each trains two copies per level and branch)."));
        }

        if (settings.Schedule is IGradualPruneSchedule)
        {
            yield return new(Section, Prefix + "a gradual schedule trains one run per trial without levels to analyse; use a level schedule such as IterativeRates, or remove WithInstabilityAnalysis.");
            yield break;
        }

        var levels = settings.Schedule is ILevelPruneSchedule level ? level.Levels : 0;
        var chosen = options.Levels ?? [];
        for (var i = 0; i < chosen.Count; i++)
        {
            if (chosen[i] > levels)
            {
                yield return new(Item(".Levels", i), Prefix + $"the level {chosen[i]} is beyond the plan's last level ({levels}); choose levels from 0 (dense) to {levels}.");
            }
        }

        var known = settings.Branches.Select(b => b.Name).Prepend(RunKey.MainBranch).ToList();
        var analysed = options.Branches ?? [];
        for (var i = 0; i < analysed.Count; i++)
        {
            if (!known.Contains(analysed[i], StringComparer.Ordinal))
            {
                yield return new(Item(".Branches", i), Prefix + $"the branch '{analysed[i]}' is not a branch of the plan; the branches are {string.Join(", ", known.Select(b => $"'{b}'"))} (add a control with WithControl first).");
            }
        }

        var points = options.RewindPoints ?? [];
        for (var i = 0; i < points.Count; i++)
        {
            if (TrainingDuration.TryParse(points[i], out var point) && point.Count > 0 && point.Unit == settings.Training.Duration.Unit && point.Count > settings.Training.Duration.Count)
            {
                yield return new(Item(".RewindPoints", i), Prefix + $"the rewind point '{points[i]}' lies after the end of training ({settings.Training.Duration}); choose points within the training duration.");
            }
        }

        static string Item(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{Section}{list}[{index}]");
    }

    /// <summary>The option of a problem <see cref="InstabilityAnalysisOptions.GetValidationErrors"/> reports.</summary>
    private static string InstabilityOption(string error) => error switch
    {
        _ when error.StartsWith("The rewind point", StringComparison.Ordinal) => "analysis.instability.RewindPoints",
        _ when error.StartsWith("The level", StringComparison.Ordinal) => "analysis.instability.Levels",
        _ when error.StartsWith("The branch", StringComparison.Ordinal) => "analysis.instability.Branches",
        _ => ExperimentError.OptionOf("analysis.instability", error),
    };

    /// <summary>
    /// Why <paramref name="device"/> cannot be trained on here, or null: checked when a plan starts to run, before anything
    /// is read or written, so no native trace is printed (not at <see cref="LotteryExperiment.Build"/>, so that a plan for a GPU can be built,
    /// hashed and validated on a machine without one).
    /// </summary>
    internal static string? CudaProblem(Device device)
    {
        if (device.type != DeviceType.CUDA)
        {
            return null;
        }

        var cuda = device;
        if (!torch.cuda.is_available())
        {
            return $"The experiment trains on '{cuda}', but TorchSharp finds no CUDA device here (no NVIDIA GPU or driver, or the application references the CPU backend 'TorchSharp-cpu', as the 'lottery' tool does); train on 'cpu', or run where a GPU, its driver and a CUDA backend package ('TorchSharp-cuda-linux' or 'TorchSharp-cuda-windows') are present.";
        }

        var count = torch.cuda.device_count();
        return cuda.index >= count
            ? string.Create(CultureInfo.InvariantCulture, $"The experiment trains on '{cuda}', but this machine has {count} CUDA device(s), numbered from 0; choose 'cuda:0' to 'cuda:{count - 1}'.")
            : null;
    }
}
