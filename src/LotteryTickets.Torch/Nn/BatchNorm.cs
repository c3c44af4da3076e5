namespace LotteryTickets.Torch.Nn;

/// <summary>
/// Batch normalization over channels, the common part of <see cref="BatchNorm1d"/> and
/// <see cref="BatchNorm2d"/>, as PyTorch's <c>_BatchNorm</c>. Parameters <c>weight</c> (ones) and
/// <c>bias</c> (zeros) when affine; buffers <c>running_mean</c> (zeros), <c>running_var</c> (ones)
/// and <c>num_batches_tracked</c> (an int64 scalar) when tracking running statistics.
/// In training the batch statistics normalize and the running statistics are updated; in
/// evaluation the running statistics normalize.
/// </summary>
public abstract class BatchNorm : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">The number of channels C.</param>
    /// <param name="eps">The value added to the variance for numerical stability.</param>
    /// <param name="momentum">The weight of each batch in the running statistics; null for a cumulative average (1 / batches seen).</param>
    /// <param name="affine">Whether to learn a per-channel scale and shift.</param>
    /// <param name="trackRunningStats">Whether to keep running statistics (otherwise batch statistics are used in evaluation too).</param>
    protected BatchNorm(long numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats)
    {
        Layers.RequirePositive(numFeatures, nameof(numFeatures));
        if (momentum is { } m && !(m >= 0 && m <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(momentum), momentum, $"The momentum '{m}' is invalid: it must be between 0 and 1. Pass 0.1 (PyTorch's default), or null for a cumulative average.");
        }

        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([numFeatures]));
            Bias = RegisterParameter("bias", Tensor.Zeros([numFeatures]));
        }

        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([numFeatures]));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones([numFeatures]));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Scalar(0, ScalarType.Int64));
        }
    }

    /// <summary>The number of channels.</summary>
    public long NumFeatures { get; }

    /// <summary>The value added to the variance for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>The weight of each batch in the running statistics; null for a cumulative average.</summary>
    public double? Momentum { get; }

    /// <summary>The per-channel scale γ, or null when not affine; owned by the layer.</summary>
    public Tensor? Weight { get; }

    /// <summary>The per-channel shift β, or null when not affine; owned by the layer.</summary>
    public Tensor? Bias { get; }

    /// <summary>The running mean, or null when not tracking; owned by the layer.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>The running (unbiased) variance, or null when not tracking; owned by the layer.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>The number of training batches seen, an int64 scalar, or null when not tracking; owned by the layer.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>Resets the running statistics to their initial values (mean 0, variance 1, no batches).</summary>
    public void ResetRunningStats()
    {
        using (Autograd.NoGrad())
        {
            RunningMean?.Zero_();
            RunningVar?.Fill_(1);
            NumBatchesTracked?.Zero_();
        }
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        CheckInput(input);
        var averagingFactor = Momentum ?? 0.0;
        if (IsTraining && NumBatchesTracked is not null)
        {
            using (Autograd.NoGrad())
            {
                NumBatchesTracked.Add_(1);
            }

            if (Momentum is null)
            {
                averagingFactor = 1.0 / NumBatchesTracked.ToInt64();
            }
        }

        var useBatchStats = IsTraining || RunningMean is null;
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, useBatchStats, averagingFactor, Eps);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> if <paramref name="input"/> has the wrong number of dimensions.</summary>
    /// <param name="input">The input to check.</param>
    protected abstract void CheckInput(Tensor input);
}
