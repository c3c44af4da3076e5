using System.Globalization;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Training.Schedules;
using DataLoader = LotteryTickets.Datasets.Loading.DataLoader;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <content>Checkpoints: capturing the full training state and restoring it (resume or rewind).</content>
public sealed partial class Trainer
{
    /// <summary>
    /// Captures the full training state: copies of the model's state dict and the optimizer state,
    /// the schedule and loader positions, the iteration, the evaluations, the running loss, the
    /// states of the tracked generators and those of the <see cref="ICheckpointableCallback"/>s among
    /// <see cref="Callbacks"/>. Between steps only.
    /// </summary>
    /// <returns>A checkpoint owned by the caller (its tensors belong to no scope).</returns>
    /// <exception cref="InvalidOperationException">Called during a step (from a hook between the batch and the end of the step).</exception>
    /// <exception cref="ArgumentException">Two checkpointable callbacks share a state name, or a name is not allowed.</exception>
    public TrainingCheckpoint CreateCheckpoint()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (inStep)
        {
            throw new InvalidOperationException(
                "A checkpoint cannot be taken in the middle of a step; take it from OnTrainingStart, OnIterationEnd or OnTrainingEnd.");
        }

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
                foreach (var (name, tensor) in Model.state_dict())
                {
                    model[name] = tensor.detach().clone().DetachFromDisposeScope();
                }

                optimizerState = OptimizerStateTensors.Capture(Optimizer, namedParameters);
                foreach (var (name, generator) in generators)
                {
                    generatorStates[name] = generator.get_state().DetachFromDisposeScope();
                }

                foreach (var callback in stateful)
                {
                    callbackStates[callback.StateName] = callback.GetState();
                }
            }

            return new TrainingCheckpoint(
                Iteration, Loader.Position, Scheduler.Position, Loader.BatchesPerEpoch, model, optimizerState, generatorStates, evaluations, RunningLoss,
                callbackStates);
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
    /// Puts the trainer in the state of <paramref name="checkpoint"/>: the model's weights and buffers,
    /// the optimizer state, the schedule and loader positions, the iteration, the tracked generators'
    /// states and the states of the <see cref="ICheckpointableCallback"/>s among <see cref="Callbacks"/>
    /// (add them before restoring), plus (with <see cref="CheckpointRestoreMode.Resume"/>) the evaluations
    /// and running loss. The checkpoint is copied, not consumed. Everything is checked before anything
    /// changes, except that a model whose state dict does not match is reported by <see cref="StateDicts.Load"/>, and
    /// a callback state that does not fit by the callback (after the trainer's own state is restored).
    /// </summary>
    /// <param name="checkpoint">The state to take over (owned by the caller).</param>
    /// <param name="mode">Whether to take over the history too (resume) or start a new history from the checkpoint (rewind).</param>
    /// <exception cref="ArgumentException">The checkpoint does not fit this trainer; the message lists every mismatch.</exception>
    /// <exception cref="StateDictMismatchException">The checkpoint's model state does not match the model.</exception>
    /// <exception cref="InvalidOperationException">The trainer is running.</exception>
    public void Restore(TrainingCheckpoint checkpoint, CheckpointRestoreMode mode = CheckpointRestoreMode.Resume)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ObjectDisposedException.ThrowIf(disposed, this);
        checkpoint.ThrowIfDisposed();
        if (running)
        {
            throw new InvalidOperationException("The trainer cannot restore a checkpoint while it runs; stop it first.");
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Choose CheckpointRestoreMode.Resume or CheckpointRestoreMode.Rewind.");
        }

        CheckFits(checkpoint, mode);
        StateDicts.Load(Model, checkpoint.ModelState);
        checkpoint.OptimizerState.Restore(Optimizer, namedParameters);
        Scheduler.Position = checkpoint.SchedulerPosition;
        Loader.Position = checkpoint.LoaderPosition;
        foreach (var (name, generator) in generators)
        {
            generator.set_state(checkpoint.GeneratorStates[name]);
        }

        foreach (var callback in CheckpointableCallbacks())
        {
            callback.SetState(checkpoint.CallbackStates[callback.StateName], mode);
        }

        Iteration = checkpoint.Iteration;
        evaluations.Clear();
        if (mode == CheckpointRestoreMode.Resume)
        {
            evaluations.AddRange(checkpoint.Evaluations);
            RunningLoss = checkpoint.RunningLoss;
        }
        else
        {
            RunningLoss = default;
        }
    }

    private List<ICheckpointableCallback> CheckpointableCallbacks()
    {
        var result = Callbacks.OfType<ICheckpointableCallback>().ToList();
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
                nameof(Callbacks));
        }

        return result;
    }

    private void CheckFits(TrainingCheckpoint checkpoint, CheckpointRestoreMode mode)
    {
        var problems = new List<string>();
        if (checkpoint.BatchesPerEpoch != Loader.BatchesPerEpoch)
        {
            problems.Add(Format(
                $"The checkpoint was taken with {checkpoint.BatchesPerEpoch} batches per epoch, but this trainer has {Loader.BatchesPerEpoch}; use the same training set, batch size and 'DropLast'."));
        }
        else if (checkpoint.LoaderPosition.ToIteration(Loader.BatchesPerEpoch) != checkpoint.Iteration)
        {
            problems.Add(Format(
                $"The checkpoint's loader position ({checkpoint.LoaderPosition}) is not its iteration {checkpoint.Iteration}; the checkpoint is inconsistent."));
        }

        if (checkpoint.Iteration > TotalIterations)
        {
            problems.Add(Format(
                $"The checkpoint is at iteration {checkpoint.Iteration}, past this run's {TotalIterations} iterations; lengthen 'Duration' or use an earlier checkpoint."));
        }

        foreach (var (name, _) in generators)
        {
            if (!checkpoint.GeneratorStates.ContainsKey(name))
            {
                problems.Add($"The checkpoint has no state for the generator '{name}'; it was taken from a run without that generator.");
            }
        }

        foreach (var name in checkpoint.GeneratorStates.Keys)
        {
            if (!generators.Any(g => g.Name == name))
            {
                problems.Add($"The checkpoint holds the state of a generator '{name}' that this trainer does not track; track it with TrackGenerator or give the model the same random layers.");
            }
        }

        problems.AddRange(checkpoint.OptimizerState.GetProblems(Optimizer, namedParameters));
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
}
