using System.Globalization;
using LotteryTickets.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// A <see cref="Trainer"/>'s checkpoints: capturing its full training state, checking that a checkpoint fits it, and
/// putting back everything but the history (iteration, evaluations, running loss), which the trainer keeps.
/// </summary>
internal sealed class TrainerCheckpoints
{
    private readonly Trainer trainer;
    private readonly (string Name, Parameter Parameter)[] namedParameters;
    private readonly TrainerGenerators generators;

    /// <summary>The checkpoints of <paramref name="trainer"/>, whose optimizer's parameters are <paramref name="namedParameters"/>.</summary>
    public TrainerCheckpoints(Trainer trainer, (string Name, Parameter Parameter)[] namedParameters, TrainerGenerators generators)
    {
        this.trainer = trainer;
        this.namedParameters = namedParameters;
        this.generators = generators;
    }

    /// <summary>What <see cref="Trainer.CreateCheckpoint"/> returns, between steps.</summary>
    public TrainingCheckpoint Create()
    {
        var model = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var generatorStates = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var callbackStates = new Dictionary<string, CallbackState>(StringComparer.Ordinal);
        var stateful = CheckpointableCallbacks();
        OptimizerStateTensors? optimizerState = null;
        try
        {
            using (torch.NewDisposeScope())
            using (torch.no_grad())
            {
                foreach (var (name, tensor) in trainer.Model.state_dict())
                {
                    model[name] = tensor.detach().clone().DetachFromDisposeScope();
                }

                optimizerState = OptimizerStateTensors.Capture(trainer.Optimizer, namedParameters);
                generators.CaptureInto(generatorStates);
                foreach (var callback in stateful)
                {
                    callbackStates[callback.StateName] = callback.GetState();
                }
            }

            return new TrainingCheckpoint(
                trainer.Iteration, trainer.Loader.Position, trainer.Scheduler.Position, trainer.Loader.BatchesPerEpoch, model, optimizerState, generatorStates,
                trainer.Evaluations, trainer.RunningLoss, callbackStates);
        }
        catch
        {
            foreach (var c in callbackStates.Values)
            {
                c.Dispose();
            }

            optimizerState?.Dispose();
            foreach (var t in model.Values.Concat(generatorStates.Values))
            {
                t.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Checks that <paramref name="checkpoint"/> fits the trainer, then restores the model, the optimizer, the schedule and
    /// loader positions, the tracked generators and the checkpointable callbacks (see <see cref="Trainer.Restore"/>).
    /// </summary>
    public void Restore(TrainingCheckpoint checkpoint, CheckpointRestoreMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Choose CheckpointRestoreMode.Resume or CheckpointRestoreMode.Rewind.");
        }

        CheckFits(checkpoint, mode);
        StateDicts.Load(trainer.Model, checkpoint.ModelState);
        checkpoint.OptimizerState.Restore(trainer.Optimizer, namedParameters);
        trainer.Scheduler.Position = checkpoint.SchedulerPosition;
        trainer.Loader.Position = checkpoint.LoaderPosition;
        generators.Restore(checkpoint.GeneratorStates);
        foreach (var callback in CheckpointableCallbacks())
        {
            callback.SetState(checkpoint.CallbackStates[callback.StateName], mode);
        }
    }

    private List<ICheckpointableCallback> CheckpointableCallbacks()
    {
        var result = trainer.Callbacks.OfType<ICheckpointableCallback>().ToList();
        var problems = new List<string>();
        foreach (var c in result)
        {
            if (!TrainingCheckpoint.IsValidStateName(c.StateName))
            {
                problems.Add($"The callback state name '{c.StateName}' is not allowed; use letters, digits, '-', '_' and '.', not starting with '.'.");
            }
        }

        foreach (var name in result.GroupBy(c => c.StateName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"Two checkpointable callbacks are named '{name}'; give each its own 'StateName'.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "The trainer's checkpointable callbacks are invalid. Fix the following:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems),
                nameof(Trainer.Callbacks));
        }

        return result;
    }

    private void CheckFits(TrainingCheckpoint checkpoint, CheckpointRestoreMode mode)
    {
        var problems = new List<string>();
        var batchesPerEpoch = trainer.Loader.BatchesPerEpoch;
        if (checkpoint.BatchesPerEpoch != batchesPerEpoch)
        {
            problems.Add(Format(
                $"The checkpoint was taken with {checkpoint.BatchesPerEpoch} batches per epoch, but this trainer has {batchesPerEpoch}; use the same training set, batch size and 'DropLast'."));
        }
        else if (checkpoint.LoaderPosition.ToIteration(batchesPerEpoch) != checkpoint.Iteration)
        {
            problems.Add(Format(
                $"The checkpoint's loader position ({checkpoint.LoaderPosition}) is not its iteration {checkpoint.Iteration}; the checkpoint is inconsistent."));
        }

        if (checkpoint.Iteration > trainer.TotalIterations)
        {
            problems.Add(Format(
                $"The checkpoint is at iteration {checkpoint.Iteration}, past this run's {trainer.TotalIterations} iterations; lengthen 'Duration' or use an earlier checkpoint."));
        }

        generators.AddProblems(checkpoint.GeneratorStates, problems);
        problems.AddRange(checkpoint.OptimizerState.GetProblems(trainer.Optimizer, namedParameters));
        var stateful = CheckpointableCallbacks().Select(c => c.StateName).ToHashSet(StringComparer.Ordinal);
        foreach (var name in stateful.Where(n => !checkpoint.CallbackStates.ContainsKey(n)))
        {
            problems.Add($"The checkpoint has no state for the callback '{name}'; it was taken from a run without that callback.");
        }

        if (mode == CheckpointRestoreMode.Resume)
        {
            foreach (var name in checkpoint.CallbackStates.Keys.Where(n => !stateful.Contains(n)))
            {
                problems.Add($"The checkpoint holds the state of a callback '{name}' that this trainer does not have; add that callback before restoring (a rewind may leave it out).");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "The checkpoint does not fit this trainer; nothing was restored. Fix the following:" + Environment.NewLine + "- " +
                string.Join(Environment.NewLine + "- ", problems),
                nameof(checkpoint));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
