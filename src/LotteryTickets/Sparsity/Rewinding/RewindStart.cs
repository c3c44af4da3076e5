using static TorchSharp.torch;
using LotteryTickets.Training;

namespace LotteryTickets.Rewinding;

/// <summary>Where a level's training starts (see <see cref="IRewindPolicy"/>).</summary>
/// <param name="Weights">The weights the ticket starts from, before masking (a full state dict; borrowed).</param>
/// <param name="Checkpoint">The training position to restore with <see cref="CheckpointRestoreMode.Rewind"/> before loading <paramref name="Weights"/>, or <see langword="null"/> to start a fresh run at iteration 0 (borrowed).</param>
public sealed record RewindStart(IReadOnlyDictionary<string, Tensor> Weights, TrainingCheckpoint? Checkpoint);
