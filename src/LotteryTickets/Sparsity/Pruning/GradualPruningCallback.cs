using System.Globalization;
using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Training;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// Prunes a model gradually inside one <see cref="Trainer"/> run, as an <see cref="IGradualPruneSchedule"/> says
/// (fasterai's <c>SparsifyCallback</c>, AGP): before the forward pass of every iteration the schedule marks as a
/// pruning step it computes a fresh mask meeting the step's target sparsities, ranking the current weights by the
/// criterion (so a falling target lets weights grow back, as zeros), zeroes the pruned weights, and keeps them at
/// +0.0 from then on (weights re-masked after every optimizer step, see <see cref="MaskedModel"/>). It
/// acts on the schedule's flags exactly as <see cref="IGradualPruneSchedule"/>'s remarks say.
/// </summary>
/// <remarks>
/// <para><b>Snapshot.</b> The full state dict is saved at iteration <c>RewindEpoch × batchesPerEpoch</c> (the
/// initialization for 0), whatever the flags, whenever that iteration falls inside the run: it is what the resets
/// load and what <see cref="CreateTicket"/> starts from. With <see cref="IGradualPruneSchedule.ResetAfterEachPrune"/>
/// or <see cref="IGradualPruneSchedule.ResetAtEnd"/>, training start checks that it comes no later than the first
/// pruning step (<see cref="GradualSchedule.CheckRewindPoint"/>).</para>
/// <para><b><c>lth</c></b>: right after each pruning step every parameter and buffer is loaded from the snapshot and
/// the new mask applied; the data order, the learning-rate position and the optimizer state go on.
/// <b><c>reset_end</c></b>: when the run reaches its last iteration, the trained weights and the final evaluation
/// are recorded (<see cref="TrainedWeights"/>, <see cref="TrainedEvaluation"/>), then the snapshot is loaded and the
/// final mask applied, so the model holds the ticket; evaluate it with <see cref="Trainer.Evaluate"/>.</para>
/// <para>Regrown weights (a target below the current sparsity) start at +0.0; the optimizer's state at their
/// positions is left as it is (gradients are not masked, so momentum and Adam moments there hold what the gradients
/// added while the weights were pruned).</para>
/// <para><b>Checkpoints.</b> The callback is an <see cref="ICheckpointableCallback"/>: a <see cref="Trainer"/>
/// saves its mask, snapshot, history, reset-at-end record and generator state in every
/// <see cref="TrainingCheckpoint"/> and restores them, so a resumed run equals an uninterrupted one bit for bit.</para>
/// <para>Ownership: the schedule, criterion and generator are borrowed (the generator is advanced by the
/// tie-breaking of each pruning step). The callback owns its mask, snapshot and recorded weights and releases them
/// in <see cref="Dispose"/>; the tensors it exposes are borrowed.</para>
/// </remarks>
/// <example>
/// <code>
/// using var generator = new torch.Generator(seed);
/// var layers = PrunableParameters.Select(model);
/// using var pruning = new GradualPruningCallback(GradualSchedules.Agp(0.9), layers, generator);
/// using var trainer = new Trainer(model, train, validation, test, options, [pruning]);
/// var result = trainer.Run();
/// using var ticket = pruning.CreateTicket();
/// </code>
/// </example>
public sealed class GradualPruningCallback : ICheckpointableCallback, IDisposable
{
    /// <summary>The default <see cref="StateName"/>.</summary>
    public const string DefaultStateName = "gradual-pruning";

    private readonly Generator generator;
    private readonly Sparsifier sparsifier;
    private readonly GradualPruningState pruningState = new();
    private bool disposed;

    /// <summary>Creates the callback; nothing is pruned until training reaches the schedule's first pruning step.</summary>
    /// <param name="schedule">When and how much to prune, and the reset flags (borrowed).</param>
    /// <param name="layers">The model's prunable layers, in model order (e.g. <see cref="PrunableParameters.Select"/>); layers the schedule ignores stay dense.</param>
    /// <param name="generator">The seeded source of the pruner's tie-breaking and of random criteria (borrowed; advanced by each pruning step, saved in checkpoints).</param>
    /// <param name="criterion">The score to keep weights by; <see langword="null"/> for <see cref="MaskCriteria.LargeFinal"/> (|w|).</param>
    /// <exception cref="ArgumentException">A layer name appears twice, or the schedule names a layer that <paramref name="layers"/> lacks.</exception>
    public GradualPruningCallback(IGradualPruneSchedule schedule, IReadOnlyList<PrunableLayer> layers, Generator generator, IMaskCriterion? criterion = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(generator);
        sparsifier = new Sparsifier(schedule, layers, generator, ownsGenerator: false, criterion);
        Schedule = schedule;
        this.generator = generator;
    }

    /// <summary>The schedule.</summary>
    public IGradualPruneSchedule Schedule { get; }

    /// <summary>The mask criterion.</summary>
    public IMaskCriterion Criterion => sparsifier.Criterion;

    /// <summary>The masked layers, in model order.</summary>
    public IReadOnlyList<PrunableLayer> Layers => sparsifier.Layers;

    /// <summary>The pruning engine the callback drives (the one a hand-written loop uses); bound to the trainer's model at training start.</summary>
    public Sparsifier Sparsifier => sparsifier;

    /// <inheritdoc />
    /// <value>The default value is <see cref="DefaultStateName"/>.</value>
    public string StateName { get; init; } = DefaultStateName;

    /// <summary>The mask in force (all ones before the first pruning step). Borrowed: it is replaced (and disposed) by the next pruning step; clone it to keep it.</summary>
    public Mask Mask
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return sparsifier.Mask;
        }
    }

    /// <summary>Every pruning step so far, in order: the iteration and the sparsity of the new mask.</summary>
    public IReadOnlyList<SparsityHistoryEntry> History => sparsifier.History;

    /// <summary>The iteration at which the snapshot was saved, or <see langword="null"/> before it (or when it falls outside the run).</summary>
    public long? SnapshotIteration => pruningState.SnapshotIteration;

    /// <summary>The saved state dict (every parameter and buffer), or <see langword="null"/> before it is saved. Borrowed.</summary>
    public IReadOnlyDictionary<string, Tensor>? Snapshot => sparsifier.Snapshot;

    /// <summary>
    /// With <see cref="IGradualPruneSchedule.ResetAtEnd"/>: the trained state dict, recorded at the end of the run before the reset
    /// (borrowed); otherwise, or before the end, <see langword="null"/>.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor>? TrainedWeights => pruningState.TrainedWeights;

    /// <summary>
    /// With <see cref="IGradualPruneSchedule.ResetAtEnd"/>: the evaluation of the trained network at the last iteration, recorded
    /// before the reset; otherwise, or before the end, <see langword="null"/>.
    /// </summary>
    public EvaluationRecord? TrainedEvaluation => pruningState.TrainedEvaluation;

    /// <summary>Whether the reset at the end (<see cref="IGradualPruneSchedule.ResetAtEnd"/>) has been done: the model then holds the ticket.</summary>
    public bool IsResetAtEndDone => pruningState.IsResetAtEndDone;

    /// <summary>The ticket found: a copy of the current mask and of the snapshot.</summary>
    /// <returns>A new ticket owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">No snapshot was saved (the run has not reached the rewind point).</exception>
    public GradualPruningTicket CreateTicket()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (sparsifier.Snapshot is not { } snapshot || pruningState.SnapshotIteration is not { } at)
        {
            throw new InvalidOperationException(
                $"The gradual pruning run has no ticket yet: the weights to start from are saved at the start of epoch {Schedule.RewindEpoch}, which the run has not reached. Train past it first.");
        }

        var weights = StateDicts.CloneOwned(snapshot);
        return new GradualPruningTicket(sparsifier.Mask.Clone(), weights, at);
    }

    /// <inheritdoc />
    public void OnTrainingStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckRewindPoint(state.BatchesPerEpoch, state.TotalIterations);
        sparsifier.Bind(state.Model);
        var rewind = RewindIteration(state.BatchesPerEpoch);
        if (sparsifier.Snapshot is null && state.Iteration == rewind && rewind < state.TotalIterations)
        {
            TakeSnapshot(rewind);
        }
        else if (sparsifier.Snapshot is null && state.Iteration > rewind && NeedsSnapshot)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The run starts at iteration {state.Iteration}, past the rewind point (iteration {rewind}), but the gradual pruning callback holds no snapshot to reset to. Restore the callback's state with the checkpoint (add it to the trainer before Trainer.Restore)."));
        }

        sparsifier.ApplyMask();
    }

    /// <inheritdoc />
    public void OnBeforeStep(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        sparsifier.Step(state.Iteration, state.TotalIterations);
    }

    /// <inheritdoc />
    public void OnAfterOptimizerStep(TrainingState state) => sparsifier.ApplyMask();

    /// <inheritdoc />
    public void OnIterationEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (sparsifier.Snapshot is null && state.Iteration == RewindIteration(state.BatchesPerEpoch) && state.Iteration < state.TotalIterations)
        {
            TakeSnapshot(state.Iteration);
        }
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!Schedule.ResetAtEnd || IsResetAtEndDone || state.Iteration != state.TotalIterations)
        {
            return;
        }

        if (sparsifier.Snapshot is null)
        {
            throw new InvalidOperationException("The gradual pruning callback has no snapshot to reset to at the end; this is a bug.");
        }

        pruningState.RecordTrained(
            StateDicts.Snapshot(state.Model),
            state.Evaluations.Count > 0 && state.Evaluations[^1].Iteration == state.Iteration ? state.Evaluations[^1] : null);
        sparsifier.Rewind();
        pruningState.IsResetAtEndDone = true;
    }

    /// <inheritdoc />
    public CallbackState GetState()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return pruningState.Save(sparsifier, generator);
    }

    /// <inheritdoc />
    /// <remarks>Both modes take over the mask, snapshot, history, reset-at-end record and generator state.</remarks>
    public void SetState(CallbackState state, CheckpointRestoreMode mode)
    {
        ArgumentNullException.ThrowIfNull(state);
        ObjectDisposedException.ThrowIf(disposed, this);
        pruningState.Restore(state, sparsifier, generator, StateName);
    }

    /// <summary>Releases the mask, the snapshot and the recorded weights. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        sparsifier.Dispose();
        pruningState.Dispose();
    }

    private bool NeedsSnapshot => Schedule.ResetAfterEachPrune || Schedule.ResetAtEnd;

    private long RewindIteration(int batchesPerEpoch) => (long)Schedule.RewindEpoch * batchesPerEpoch;

    private void CheckRewindPoint(int batchesPerEpoch, long totalIterations)
    {
        if (!NeedsSnapshot)
        {
            return;
        }

        if (Schedule is GradualSchedule gradual)
        {
            gradual.CheckRewindPoint(batchesPerEpoch, totalIterations);
            return;
        }

        var rewind = RewindIteration(batchesPerEpoch);
        long? first = null;
        for (long t = 0; t < Math.Min(rewind, totalIterations) && first is null; t++)
        {
            if (Schedule.GetStep(t, totalIterations, Layers) is not null)
            {
                first = t;
            }
        }

        if (first is not null || rewind >= totalIterations)
        {
            var when = first is { } p ? string.Create(CultureInfo.InvariantCulture, $"the pruning step at iteration {p}") : "the end of the run";
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"The rewind point (start of epoch {Schedule.RewindEpoch}, iteration {rewind}) comes after {when}, but the weights to reset to must be saved before the first pruning step. Lower 'RewindEpoch' or start pruning later."));
        }
    }

    private void TakeSnapshot(long iteration)
    {
        sparsifier.TakeSnapshot();
        pruningState.SnapshotIteration = iteration;
    }
}
