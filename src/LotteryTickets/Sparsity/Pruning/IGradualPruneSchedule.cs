using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// A schedule of pruning inside one training run of <c>T</c> iterations (gradual pruning: AGP, fasterai's
/// <c>SparsifyCallback</c>), with fasterai's reset flags.
/// </summary>
/// <remarks>
/// <para>What the runner must do, iteration by iteration (iteration <c>t</c> = the number of optimizer steps
/// taken so far, 0 … T − 1, as fastai's <c>train_iter</c>):</para>
/// <list type="number">
/// <item><b>Snapshot.</b> When <see cref="ResetAfterEachPrune"/> or <see cref="ResetAtEnd"/> is set, save a copy
/// of every parameter and buffer (the state dict) at the start of epoch <see cref="RewindEpoch"/>, before its first
/// step, i.e. at iteration <c>RewindEpoch × batchesPerEpoch</c>; with <see cref="RewindEpoch"/> = 0 this is the
/// initialization. Before training, check that this iteration is not after the first pruning step (fasterai's
/// assertion "rewind to an epoch before the start of the pruning process"); <see cref="GradualSchedule"/> offers
/// <see cref="GradualSchedule.CheckRewindPoint"/> for it.</item>
/// <item><b>Prune.</b> Before the forward pass of iteration <c>t</c>, call <see cref="GetStep"/>. When it returns a
/// step, compute a fresh mask for every listed layer so that its <see cref="PruneAmount.TargetSparsity"/> is met,
/// ranking all of the layer's weights (or, in global scope, all listed layers' weights) by the criterion — so a
/// falling target (DSD's second half) lets weights grow back, as zeros. Zero the pruned weights. Then train
/// iteration <c>t</c> with the mask applied to gradients and after the step, as on every masked iteration.</item>
/// <item><b><see cref="ResetAfterEachPrune"/></b> (fasterai's <c>lth=True</c>): right after each pruning step,
/// before the forward pass of iteration <c>t</c>, load the snapshot into every parameter and buffer (pruned layers
/// or not, biases and batch-norm state included) and apply the new mask. The data order, the learning-rate
/// schedule position and the optimizer state go on unchanged (fasterai does the same; it resets after the
/// optimizer step of iteration <c>t</c>, which discards that one step — resetting before it keeps it).</item>
/// <item><b><see cref="ResetAtEnd"/></b> (fasterai's <c>reset_end=True</c>, supermask-style): after the last
/// iteration and after recording the trained network's metrics and weights, load the snapshot into every
/// parameter and buffer and apply the final mask. The run's resulting ticket is (final mask, snapshot weights);
/// evaluate it to get the accuracy of the masked untrained (or rewound) network.</item>
/// </list>
/// </remarks>
public interface IGradualPruneSchedule : IPruneSchedule
{
    /// <summary>
    /// Whether to reset the surviving weights to the snapshot (initialization, or epoch <see cref="RewindEpoch"/>)
    /// after each pruning step — fasterai's <c>lth=True</c>.
    /// </summary>
    bool ResetAfterEachPrune { get; }

    /// <summary>
    /// The epoch at whose start the snapshot used by <see cref="ResetAfterEachPrune"/> and <see cref="ResetAtEnd"/>
    /// is taken — fasterai's <c>rewind_epoch</c>; 0 for the initialization.
    /// </summary>
    int RewindEpoch { get; }

    /// <summary>
    /// Whether to reset the weights to the snapshot at the end of training, keeping the mask — fasterai's
    /// <c>reset_end=True</c>.
    /// </summary>
    bool ResetAtEnd { get; }

    /// <summary>The pruning to do before iteration <paramref name="iteration"/>, or null when it is not a pruning step.</summary>
    /// <param name="iteration">The iteration, 0 … <paramref name="totalIterations"/> − 1.</param>
    /// <param name="totalIterations">The number of iterations of the run, <c>T</c>.</param>
    /// <param name="layers">The model's prunable layers, in model order.</param>
    /// <returns>The step, whose amounts are <see cref="PruneAmountKind.TargetSparsity"/> targets; or null.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The iteration is outside 0 … T − 1 or T is less than 1.</exception>
    /// <exception cref="ArgumentException">The schedule names a layer that <paramref name="layers"/> does not have.</exception>
    PruningStep? GetStep(long iteration, long totalIterations, IReadOnlyList<PrunableLayer> layers);
}
