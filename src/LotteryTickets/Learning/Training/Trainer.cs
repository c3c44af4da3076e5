using LotteryTickets.Datasets;
using LotteryTickets.Training.Schedules;
using DataLoader = LotteryTickets.Datasets.Loading.DataLoader;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// Trains a classification model (any <c>nn.Module&lt;Tensor, Tensor&gt;</c>) with a loss (<see cref="TrainingOptions.Loss"/>:
/// cross-entropy unless another is chosen) on a training set,
/// evaluating on a validation and a test set. The loop is small: forward, backward, optimizer step, schedule step,
/// evaluation when due; everything else (masking, pruning, logging, checkpoints) arrives through
/// <see cref="ITrainingCallback"/>s. Each step runs in its own TorchSharp dispose scope, so the number
/// of live tensors stays constant. With the same options, seed and starting state, two runs on the CPU
/// give the same weights and evaluations bit for bit, and a run resumed from a
/// <see cref="TrainingCheckpoint"/> gives the same as one never interrupted.
/// </summary>
/// <remarks>
/// The trainer moves the model to <see cref="TrainingOptions.Device"/> (TorchSharp replaces the <c>Parameter</c> objects of
/// a module moved to another device, so move the model first, or bind callbacks that hold parameters after creating the
/// trainer, when the device changes) and creates and owns the
/// optimizer, a TorchSharp <c>torch.optim</c> optimizer (released by <see cref="Dispose"/>), and
/// releases the data it preloaded on the device (<see cref="TrainingOptions.PreloadData"/>); data preloaded before it
/// started (<see cref="ImageDataset.Preload"/>) stays for the next trainer; the caller keeps the model and the datasets.
/// Gradients are cleared (set to none) before each forward pass. The generators of the model's
/// <see cref="IRandomModule"/>s are tracked (saved in checkpoints) automatically. TorchSharp's dropout layers draw from
/// the global CPU generator: when the model holds one, that generator is tracked too (as <see cref="GlobalGeneratorName"/>);
/// give other random sources with <see cref="TrackGenerator"/>.
/// Random draws on a CUDA device come from the device's own generator, which checkpoints do not restore.
/// </remarks>
/// <example>
/// <code>
/// using var trainer = new Trainer(model, splits.Train, validation, splits.Test, new TrainingOptions
/// {
///     Duration = TrainingDuration.Parse("5000it"),
///     Optimizer = OptimizerKind.Adam,
///     LearningRate = 1.2e-3,
///     EvaluationInterval = TrainingDuration.Iterations(100),
/// });
/// trainer.Callbacks.Add(new LoggingCallback(logger));
/// var result = trainer.Run(cancellationToken);
/// Console.WriteLine($"early stop at {result.EarlyStopIteration}, test accuracy {result.EarlyStop!.TestAccuracy:P2}");
/// </code>
/// </example>
public sealed class Trainer : IDisposable
{
    private readonly EvaluationSets evaluationSets;
    private readonly ImageDataset[] preloadedByThisTrainer;
    private readonly List<EvaluationRecord> evaluations = [];
    private readonly TrainerGenerators generators;
    private readonly TrainerCheckpoints checkpoints;
    private readonly ChannelsLast? channelsLast;
    private readonly TrainingState state;
    private bool inStep;
    private bool running;
    private bool disposed;

    /// <summary>Creates a trainer, its optimizer and its learning-rate scheduler, at iteration 0.</summary>
    /// <param name="model">The model to train: it maps a batch of images (N×C×H×W) to class scores (N×classes).</param>
    /// <param name="training">The training set.</param>
    /// <param name="validation">The validation set (its loss picks the early-stop iteration).</param>
    /// <param name="test">The test set.</param>
    /// <param name="options">The options; copied, so later changes do not affect the trainer.</param>
    /// <param name="callbacks">Callbacks to run, in order; more can be added to <see cref="Callbacks"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or do not fit the training set.</exception>
    public Trainer(
        nn.Module<Tensor, Tensor> model,
        ImageDataset training,
        ImageDataset validation,
        ImageDataset test,
        TrainingOptions options,
        IEnumerable<ITrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options.Copy();
        Model = model;
        Callbacks = [.. callbacks ?? []];
        Loader = new DataLoader(training, Options.ToDataLoaderOptions());
        var preloading = Options.PreloadsTrainingData ? new[] { training, validation, test } : Options.PreloadData ? [validation, test] : [];
        preloadedByThisTrainer = [.. preloading.Distinct().Where(d => !d.IsPreloaded(Options.Device))];
        evaluationSets = new EvaluationSets(validation, test, Options);
        TotalIterations = Options.Duration.ToIterations(Loader.BatchesPerEpoch);
        model.to(Options.Device);
        channelsLast = Options.ChannelsLast ? Training.ChannelsLast.Apply(model) : null;
        (string Name, Parameter Parameter)[] namedParameters = [.. model.named_parameters()];
        Optimizer = Options.CreateOptimizer(namedParameters.Select(p => p.Parameter));
        Scheduler = new LearningRateScheduler(
            Optimizer, rate => Options.CreateSchedule(rate, Loader.BatchesPerEpoch, TotalIterations));
        generators = new TrainerGenerators(model);
        checkpoints = new TrainerCheckpoints(this, namedParameters, generators);
        state = new TrainingState(this);
    }

    /// <summary>The name under which the global CPU generator's state is tracked when the model holds dropout layers.</summary>
    public const string GlobalGeneratorName = "global";

    /// <summary>The prefix of the names under which the generators of the model's <see cref="IRandomModule"/>s are tracked.</summary>
    public const string ModuleGeneratorPrefix = "module:";

    /// <summary>The model being trained (owned by the caller).</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>A copy of the options the trainer was created with.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The optimizer (owned by the trainer): TorchSharp's SGD, Adam, AdamW, RMSProp or Adagrad over the model's parameters in one group.</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>The learning-rate scheduler; its position equals <see cref="Iteration"/> between steps.</summary>
    public LearningRateScheduler Scheduler { get; }

    /// <summary>The training loader; its position follows <see cref="Iteration"/>.</summary>
    public DataLoader Loader { get; }

    /// <summary>The callbacks, run in order; add or remove them between runs.</summary>
    public IList<ITrainingCallback> Callbacks { get; }

    /// <summary>The number of optimizer steps taken.</summary>
    public long Iteration { get; private set; }

    /// <summary>The number of steps the run is planned for (<see cref="TrainingOptions.Duration"/> in iterations).</summary>
    public long TotalIterations { get; }

    /// <summary>The evaluations recorded so far, in iteration order.</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations => evaluations;

    /// <summary>The training losses accumulated since the last evaluation.</summary>
    public RunningLoss RunningLoss { get; private set; }

    /// <summary>The names of the random generators saved in checkpoints.</summary>
    public IReadOnlyList<string> TrackedGenerators => generators.Names;

    /// <summary>
    /// Saves and restores <paramref name="generator"/>'s state with the training state, so that a
    /// random source used during training (by a callback, say) resumes exactly.
    /// </summary>
    /// <param name="name">A name unique among the tracked generators.</param>
    /// <param name="generator">The generator (owned by the caller; keep it alive while the trainer is used).</param>
    /// <exception cref="ArgumentException">The name is already taken.</exception>
    public void TrackGenerator(string name, Generator generator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(generator);
        generators.Track(name, generator);
    }

    /// <summary>
    /// Trains from the current iteration to <see cref="TotalIterations"/>, or until a callback (or
    /// <paramref name="cancellationToken"/>) asks to stop, which happens between steps and leaves the
    /// trainer in a state that <see cref="CreateCheckpoint"/> captures exactly. A fresh run evaluates at
    /// the start (see <see cref="TrainingOptions.EvaluateAtStart"/>), every
    /// <see cref="TrainingOptions.EvaluationInterval"/>, and at the end. Calling it again after a stop
    /// continues the run.
    /// </summary>
    /// <param name="cancellationToken">Stops the run between steps when cancelled (<see cref="TrainingResult.StopReason"/> says so).</param>
    /// <returns>The evaluations so far, the iteration reached and why the run stopped, if it did.</returns>
    /// <exception cref="InvalidOperationException">The trainer is already running.</exception>
    /// <exception cref="TrainingDivergedException">
    /// A training batch's loss became NaN or infinite; the run stops in the middle of that step (no evaluation, no
    /// <see cref="ITrainingCallback.OnTrainingEnd"/>; the weights have taken that step's update), so its last saved
    /// checkpoint is the state to go back to.
    /// </exception>
    public TrainingResult Run(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (running)
        {
            throw new InvalidOperationException("The trainer is already running; a trainer runs one loop at a time.");
        }

        running = true;
        try
        {
            var callbacks = Callbacks.ToList();
            if (cancellationToken.CanBeCanceled)
            {
                callbacks.Add(new CancellationCallback(cancellationToken));
            }

            state.ClearStop();
            state.LastLoss = null;
            foreach (var c in callbacks)
            {
                c.OnTrainingStart(state);
            }

            if (!state.StopRequested && Options.EvaluateAtStart && evaluations.Count == 0)
            {
                EvaluateAndRecord(callbacks);
            }

            while (Iteration < TotalIterations && !state.StopRequested)
            {
                Step(callbacks);
            }

            if (!state.StopRequested && (evaluations.Count == 0 || evaluations[^1].Iteration != Iteration))
            {
                // A run of no steps, or one restored at its very end without the final evaluation.
                EvaluateAndRecord(callbacks);
            }

            foreach (var c in callbacks)
            {
                c.OnTrainingEnd(state);
            }

            return new TrainingResult([.. evaluations], Iteration, TotalIterations, state.StopReason);
        }
        finally
        {
            running = false;
        }
    }

    /// <summary>
    /// Evaluates the model now on the validation and test sets (evaluation mode, no gradients) without
    /// recording the result. The model's training mode is left as it was.
    /// </summary>
    /// <returns>The evaluation at <see cref="Iteration"/>, with the running training loss's mean.</returns>
    public EvaluationRecord Evaluate()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return evaluationSets.Evaluate(Model, Iteration, RunningLoss.Mean);
    }

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

        return checkpoints.Create();
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

        checkpoints.Restore(checkpoint, mode);
        Iteration = checkpoint.Iteration;
        evaluations.Clear();
        var resume = mode == CheckpointRestoreMode.Resume;
        evaluations.AddRange(resume ? checkpoint.Evaluations : []);
        RunningLoss = resume ? checkpoint.RunningLoss : default;
    }

    /// <summary>Releases the optimizer's state. The model and the datasets are the caller's.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Optimizer.Dispose();
        channelsLast?.Dispose();
        generators.Dispose();
        foreach (var dataset in preloadedByThisTrainer)
        {
            dataset.ReleasePreloaded(Options.Device);
        }
    }

    private void Step(List<ITrainingCallback> callbacks)
    {
        using var scope = torch.NewDisposeScope();
        inStep = true;
        try
        {
            Model.train();
            var batch = Loader.Next();
            state.Batch = batch;
            foreach (var c in callbacks)
            {
                c.OnBeforeStep(state);
            }

            Model.zero_grad();
            var logits = Model.call(batch.Images);
            var loss = LossFunctions.Mean(Options.Loss, logits, batch.Labels);
            loss.backward();
            state.Loss = loss;
            foreach (var c in callbacks)
            {
                c.OnAfterBackward(state);
            }

            Optimizer.step();
            foreach (var c in callbacks)
            {
                c.OnAfterOptimizerStep(state);
            }

            Scheduler.Step();

            // The running loss already copies the loss to the CPU every step; checking that value costs nothing more.
            var value = loss.ToDouble();
            if (!double.IsFinite(value))
            {
                throw new TrainingDivergedException(Iteration + 1, value);
            }

            RunningLoss = RunningLoss.Add(value);
            state.LastLoss = value;
            Iteration++;
        }
        finally
        {
            inStep = false;
            state.Batch = null;
            state.Loss = null;
        }

        if (IsEvaluationDue())
        {
            EvaluateAndRecord(callbacks);
        }

        foreach (var c in callbacks)
        {
            c.OnIterationEnd(state);
        }
    }

    private bool IsEvaluationDue()
    {
        if (Iteration == TotalIterations)
        {
            return true;
        }

        return Options.EvaluationInterval is { } interval && Iteration % interval.ToIterations(Loader.BatchesPerEpoch) == 0;
    }

    private void EvaluateAndRecord(List<ITrainingCallback> callbacks)
    {
        var record = Evaluate();
        evaluations.Add(record);
        RunningLoss = default;
        foreach (var c in callbacks)
        {
            c.OnEvaluation(state, record);
        }
    }
}
