namespace LotteryTickets.Torch.Nn;

/// <summary>Batch normalization of (N, C) or (N, C, L) inputs, as PyTorch's <c>nn.BatchNorm1d</c> (see <see cref="BatchNorm"/>).</summary>
/// <param name="numFeatures">The number of channels C.</param>
/// <param name="eps">The value added to the variance for numerical stability.</param>
/// <param name="momentum">The weight of each batch in the running statistics; null for a cumulative average.</param>
/// <param name="affine">Whether to learn a per-channel scale and shift.</param>
/// <param name="trackRunningStats">Whether to keep running statistics.</param>
public sealed class BatchNorm1d(
    long numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats)
{
    /// <inheritdoc />
    protected override void CheckInput(Tensor input) => Layers.RequireDims(input, nameof(BatchNorm1d), 2, 3);
}
