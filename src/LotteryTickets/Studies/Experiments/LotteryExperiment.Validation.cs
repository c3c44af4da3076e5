using System.Globalization;
using System.Text.Json.Nodes;
using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using LotteryTickets.Components;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <content>The checks <see cref="Build"/> makes, every problem listed at once.</content>
public sealed partial class LotteryExperiment
{
    private List<ExperimentError> Validate()
    {
        var errors = new List<ExperimentError>();
        if (!StoreNames.IsValidName(name))
        {
            errors.Add(new("name", $"The experiment name '{name}' is invalid: it must not be empty, '.' or '..', contain '/', '\\' or control characters, or start or end with white space. Choose a name such as 'lenet-imp'."));
        }

        if (model is null)
        {
            errors.Add(new("model", "No model is set; call WithModel with a zoo name (e.g. 'lenet300_100') or a named factory."));
        }
        else
        {
            errors.AddRange(model.Validate().Select(e => new ExperimentError("model", e)));
        }

        if (data is null)
        {
            errors.Add(new("data", "No data is set; call WithData with DatasetSplits or a dataset name (e.g. 'fashion-mnist')."));
        }
        else
        {
            errors.AddRange(data.Validate().Select(e => new ExperimentError("data", e)));
        }

        errors.AddRange(training.GetValidationErrors().Select(e => new ExperimentError(ExperimentError.OptionOf("training", e), "Training: " + e)));
        if (device is not null && training.Device.type != DeviceType.CPU && !SameDevice(device, training.Device))
        {
            errors.Add(new("device", $"The experiment trains on '{device}' (OnDevice) but its training options say '{training.Device}' (WithTraining: Device); say where it trains in one place, OnDevice or TrainingOptions.Device."));
        }

        errors.AddRange(locks.GetValidationErrors().Select(e => new ExperimentError(ExperimentError.OptionOf("locks", e), e)));
        errors.AddRange(deferred);
        switch (schedule)
        {
            case ILevelPruneSchedule levelSchedule:
                if (levelSchedule.Levels > MaxLevels)
                {
                    errors.Add(new("schedule", string.Create(CultureInfo.InvariantCulture, $"The schedule has {levelSchedule.Levels} levels; give at most {MaxLevels} (at 20% per level, 100 levels leave 2·10⁻¹⁰ of the weights).")));
                }

                break;
            case IGradualPruneSchedule:
                if (rewind.Name != RewindToInitialization.PolicyName || rewind is IDescribable)
                {
                    errors.Add(new("rewind", $"The rewind policy '{rewind.Name}' does not apply to a gradual schedule, whose 'RewindEpoch' and 'ResetAtEnd' choose the ticket's start weights; remove WithRewind or use a level schedule such as IterativeRates."));
                }

                if (((IGradualPruneSchedule)schedule).ResetAtEnd && branches.Any(b => b.Name == ExperimentPlan.TicketBranch))
                {
                    errors.Add(new(ExperimentError.BranchOption(ExperimentPlan.TicketBranch), $"The branch name '{ExperimentPlan.TicketBranch}' is reserved for the evaluated ticket of a gradual schedule with 'ResetAtEnd'; give the branch another name."));
                }

                break;
            default:
                errors.Add(new("schedule", $"The schedule '{schedule.GetType().Name}' is neither an ILevelPruneSchedule nor an IGradualPruneSchedule; implement one of the two."));
                break;
        }

        if (rewind.CapturePoint is { } point && point.Unit == training.Duration.Unit && point.Count > training.Duration.Count)
        {
            errors.Add(new("rewind", $"The rewind point {point} of the policy '{rewind.Name}' lies after the end of training ({training.Duration}); choose a point within the training duration."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var branch in branches)
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

            if ((branch.Transforms.Count == 0 || branch.Transforms.Any(t => t is null)) && !deferred.Exists(e => e.Option == option))
            {
                errors.Add(new(option, $"The branch '{branch.Name}' has no transforms (or a null one); give it at least one ticket transform."));
            }
        }

        if (trials < 1 || trials > MaxTrials)
        {
            errors.Add(new("trials", string.Create(CultureInfo.InvariantCulture, $"'Trials' is {trials}; it must be from 1 to {MaxTrials}.")));
        }

        if (string.IsNullOrWhiteSpace(store))
        {
            errors.Add(new("store", "No store folder is set; call StoreIn with the folder that receives the experiment's results."));
        }

        if (checkpointInterval.Count <= 0)
        {
            errors.Add(new("checkpointInterval", $"The checkpoint interval is {checkpointInterval}; it must be greater than 0."));
        }

        errors.AddRange(ValidateAnalyses());

        return errors;
    }

    private static bool SameDevice(Device a, Device b) =>
        a.type == b.type && (a.index == b.index || (a.type == DeviceType.CUDA && Math.Max(a.index, 0) == Math.Max(b.index, 0)));

    /// <summary>The most pruning levels a plan may have.</summary>
    public const int MaxLevels = 100;

    /// <summary>The most trials a plan may have.</summary>
    public const int MaxTrials = 10_000;

    /// <summary>
    /// Why <paramref name="device"/> cannot be trained on here, or null: checked when a plan starts to run, before anything
    /// is read or written, so no native trace is printed (not at <see cref="Build"/>, so that a plan for a GPU can be built,
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
