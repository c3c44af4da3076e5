using LotteryTickets.Datasets.Loading;
using LotteryTickets.Training.Schedules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// What a <see cref="ITrainingCallback"/> sees of a running <see cref="Trainer"/>: the iteration,
/// the model, optimizer, scheduler and loader, the current batch and loss during a step, and the
/// evaluations so far. Callbacks may change the model's tensors in place (masking) and may ask the run
/// to stop.
/// </summary>
public sealed class TrainingState
{
    private readonly Trainer trainer;

    internal TrainingState(Trainer trainer)
    {
        this.trainer = trainer;
    }

    /// <summary>
    /// The number of optimizer steps taken. During a step (from <see cref="ITrainingCallback.OnBeforeStep"/> to
    /// <see cref="ITrainingCallback.OnAfterOptimizerStep"/>) it is the index of the step in progress; from
    /// <see cref="ITrainingCallback.OnEvaluation"/> and <see cref="ITrainingCallback.OnIterationEnd"/> on it counts that step.
    /// </summary>
    public long Iteration => trainer.Iteration;

    /// <summary>The number of steps the run is planned for.</summary>
    public long TotalIterations => trainer.TotalIterations;

    /// <summary>The number of batches in one epoch of the training loader.</summary>
    public int BatchesPerEpoch => trainer.Loader.BatchesPerEpoch;

    /// <summary>The epoch of step <see cref="Iteration"/> (the step in progress, or the next one).</summary>
    public int Epoch => LoaderPosition.FromIteration(Iteration, BatchesPerEpoch).Epoch;

    /// <summary>The position of the next batch the training loader yields.</summary>
    public LoaderPosition LoaderPosition => trainer.Loader.Position;

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model => trainer.Model;

    /// <summary>The optimizer (owned by the trainer).</summary>
    public optim.Optimizer Optimizer => trainer.Optimizer;

    /// <summary>The learning-rate scheduler; its position equals <see cref="Iteration"/> between steps.</summary>
    public LearningRateScheduler Scheduler => trainer.Scheduler;

    /// <summary>The training loader.</summary>
    public DataLoader Loader => trainer.Loader;

    /// <summary>The batch of the step in progress, or <see langword="null"/> outside a step. Owned by the step's scope.</summary>
    public DataBatch? Batch { get; internal set; }

    /// <summary>The loss of the step in progress (after the backward pass), or <see langword="null"/> before it and outside a step. Owned by the step's scope.</summary>
    public Tensor? Loss { get; internal set; }

    /// <summary>The loss of the most recent step, or <see langword="null"/> before the first step of this run.</summary>
    public double? LastLoss { get; internal set; }

    /// <summary>The sum and count of training losses since the last evaluation.</summary>
    public RunningLoss RunningLoss => trainer.RunningLoss;

    /// <summary>The evaluations recorded so far, in iteration order.</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations => trainer.Evaluations;

    /// <summary>Whether a callback asked the run to stop.</summary>
    public bool StopRequested => StopReason is not null;

    /// <summary>Why the run was asked to stop, or <see langword="null"/>.</summary>
    public string? StopReason { get; private set; }

    /// <summary>
    /// Asks the trainer to stop after the current step (or before the first one, from
    /// <see cref="ITrainingCallback.OnTrainingStart"/>). The trainer is then in a consistent state: a
    /// checkpoint taken from it resumes to exactly the numbers of an uninterrupted run. The first
    /// reason given is kept.
    /// </summary>
    /// <param name="reason">A sentence saying why, reported in <see cref="TrainingResult.StopReason"/>.</param>
    public void RequestStop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        StopReason ??= reason;
    }

    /// <summary>
    /// Captures the full training state now (see <see cref="Trainer.CreateCheckpoint"/>); the caller owns
    /// the checkpoint. Call it between steps (<see cref="ITrainingCallback.OnTrainingStart"/>,
    /// <see cref="ITrainingCallback.OnIterationEnd"/>, <see cref="ITrainingCallback.OnTrainingEnd"/>).
    /// </summary>
    public TrainingCheckpoint CreateCheckpoint() => trainer.CreateCheckpoint();

    internal void ClearStop() => StopReason = null;
}
