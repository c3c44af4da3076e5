using static TorchSharp.torch;
using LotteryTickets.Training;

namespace LotteryTickets.Rewinding;

/// <summary>What a <see cref="IRewindPolicy"/> chooses from. Everything is borrowed: never modify or dispose it.</summary>
/// <param name="Level">The level about to be trained (1 or more).</param>
/// <param name="InitialWeights">The dense network's weights at initialization (a full state dict).</param>
/// <param name="TrainedWeights">The weights at the end of the previous level's run (a full state dict).</param>
/// <param name="Checkpoint">The checkpoint captured at <see cref="IRewindPolicy.CapturePoint"/> of the dense run, or <see langword="null"/>.</param>
public sealed record RewindContext(
    int Level,
    IReadOnlyDictionary<string, Tensor> InitialWeights,
    IReadOnlyDictionary<string, Tensor> TrainedWeights,
    TrainingCheckpoint? Checkpoint)
{
    /// <summary>The captured checkpoint, or an exception naming the policy that needs it.</summary>
    /// <param name="policy">The asking policy's name.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="InvalidOperationException">No checkpoint was captured.</exception>
    public TrainingCheckpoint RequireCheckpoint(string policy) => Checkpoint ?? throw new InvalidOperationException(
        $"The rewind policy '{policy}' needs the checkpoint captured in the dense run, but there is none; give the policy a 'CapturePoint' within the dense run's training.");
}
