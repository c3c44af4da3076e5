using LotteryTickets.Training;

namespace LotteryTickets.Rewinding;

/// <summary>
/// Where the surviving weights of a pruned network start training: at initialization (Frankle &amp; Carbin), at
/// iteration or epoch k of the dense run (late rewinding), at the trained weights (fine-tuning), or at the trained
/// weights with the learning-rate schedule and data order restarted from k (learning-rate rewinding). Implement it
/// to add a policy; <see cref="RewindPolicies"/> holds the built-ins and parses their names.
/// </summary>
/// <remarks>
/// How a runner drives a policy: when <see cref="CapturePoint"/> is set, the level-0 (dense) run captures a full
/// <see cref="TrainingCheckpoint"/> there (<see cref="RewindPointCallback"/>). Before each later level it calls
/// <see cref="GetStart"/>; when the returned <see cref="RewindStart.Checkpoint"/> is set, the level's trainer is
/// restored from it with <see cref="CheckpointRestoreMode.Rewind"/> (optimizer state, learning-rate schedule position,
/// data-order position and iteration exactly as at k; the run then trains from k to its end), and then the
/// ticket's weights (<see cref="RewindStart.Weights"/> under the new mask) are loaded. Without a checkpoint the
/// level trains from iteration 0 with a fresh optimizer.
/// </remarks>
public interface IRewindPolicy
{
    /// <summary>The policy's name, in the form <see cref="RewindPolicies.Parse"/> reads (e.g. <c>iteration:500</c>); it names the policy in the experiment's hash.</summary>
    string Name { get; }

    /// <summary>The point of the dense run at which to capture a full training checkpoint, or <see langword="null"/> when the policy needs none.</summary>
    TrainingDuration? CapturePoint { get; }

    /// <summary>Where the next level's training starts.</summary>
    /// <param name="context">The initial and trained weights and the captured checkpoint.</param>
    /// <returns>The start; its weights and checkpoint are borrowed from <paramref name="context"/>.</returns>
    /// <exception cref="InvalidOperationException">The policy needs a checkpoint the context does not have.</exception>
    RewindStart GetStart(RewindContext context);
}
