using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Linear mode connectivity (Frankle et al., ICML 2020): evaluates loss and error at evenly spaced points
/// θ(α) = (1 − α)·θ₁ + α·θ₂ between two trained networks, α = 0, 1/(n − 1), …, 1, and reports the barriers
/// (<see cref="InterpolationPath.ErrorBarrier"/>, the instability, and <see cref="InterpolationPath.LossBarrier"/>).
/// </summary>
/// <remarks>
/// Each point is evaluated as <see cref="Training.Trainer.Evaluate"/> evaluates a network (same batches, same sums),
/// so α = 0 and α = 1 give the two networks' own evaluations bit for bit (with batch norm, unless its statistics are
/// recomputed at the endpoints, see <see cref="InterpolationOptions.RecomputeBatchNormAtEndpoints"/>). Networks with
/// batch-norm layers have their running statistics recomputed at each point on training batches
/// (<see cref="BatchNormStatistics"/>, <see cref="InterpolationOptions.BatchNormBatches"/>). An optional
/// <see cref="InterpolationOptions.Mask"/> is re-applied at each point. Evaluation runs on the device of the network
/// evaluated; nothing given is changed: a module used for the evaluation gets its own state back at the end.
/// </remarks>
/// <example>
/// <code>
/// var path = LinearModeConnectivity.Evaluate(copyA, copyB, testSet, points: 31,
///     new InterpolationOptions { TrainingSet = trainSet, Mask = mask });
/// Console.WriteLine($"instability {path.ErrorBarrier:P2}, loss barrier {path.LossBarrier:F4}");
/// </code>
/// </example>
public static class LinearModeConnectivity
{
    /// <summary>Evaluates the path between two networks; neither is changed (the first is used for the evaluation and restored).</summary>
    /// <param name="first">θ₁ (α = 0).</param>
    /// <param name="second">θ₂ (α = 1), with the same state-dict names, shapes and types as <paramref name="first"/>.</param>
    /// <param name="data">The evaluation set.</param>
    /// <param name="points">The number of evaluated points n, at least 2: α = i / (n − 1) for i = 0 … n − 1.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">The networks' state dicts differ (every mismatched key is named), the options are invalid, or batch-norm data is missing.</exception>
    public static InterpolationPath Evaluate(
        nn.Module<Tensor, Tensor> first, nn.Module<Tensor, Tensor> second, ImageDataset data, int points, InterpolationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = StateDicts.Snapshot(first);
        var b = StateDicts.Snapshot(second);
        try
        {
            return Evaluate(a, b, first, data, points, options);
        }
        finally
        {
            StateDicts.DisposeAll(a.Values);
            StateDicts.DisposeAll(b.Values);
        }
    }

    /// <summary>Evaluates the path between two state dicts in <paramref name="scratch"/>, a module of their architecture, whose own state is restored at the end.</summary>
    /// <param name="first">θ₁ (α = 0); not modified.</param>
    /// <param name="second">θ₂ (α = 1); not modified.</param>
    /// <param name="scratch">A module whose state dict has exactly these names and shapes.</param>
    /// <param name="data">The evaluation set.</param>
    /// <param name="points">The number of evaluated points n, at least 2.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">The state dicts differ, the options are invalid, or batch-norm data is missing.</exception>
    /// <exception cref="StateDictMismatchException">The state dicts do not fit <paramref name="scratch"/>.</exception>
    public static InterpolationPath Evaluate(
        IReadOnlyDictionary<string, Tensor> first,
        IReadOnlyDictionary<string, Tensor> second,
        nn.Module<Tensor, Tensor> scratch,
        ImageDataset data,
        int points,
        InterpolationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var chosen = options?.Copy() ?? new InterpolationOptions();
        chosen.Validate();
        StateInterpolation.CheckCompatible(first, second);
        var recompute = RecomputesBatchNorm(scratch, chosen);
        var saved = StateDicts.Snapshot(scratch);
        var masked = chosen.Mask is null ? null : new MaskedModel(scratch, chosen.Mask);
        var evaluator = new PathEvaluator(BatchNormStatistics.DeviceOf(scratch), chosen);
        try
        {
            var result = new List<InterpolationPoint>(points);
            for (var i = 0; i < points; i++)
            {
                var alpha = StateInterpolation.Alpha(i, points);
                var state = StateInterpolation.Interpolate(first, second, alpha);
                try
                {
                    StateDicts.Load(scratch, state);
                }
                finally
                {
                    StateDicts.DisposeAll(state.Values);
                }

                masked?.ApplyToWeights();
                if (recompute && (chosen.RecomputeBatchNormAtEndpoints || (alpha > 0 && alpha < 1)))
                {
                    evaluator.RecomputeBatchNorm(scratch, chosen.BatchNormSource!);
                }

                var (loss, accuracy) = evaluator.Evaluate(scratch, data);
                if (chosen.TrainingSet is { } training)
                {
                    var (trainLoss, trainAccuracy) = evaluator.Evaluate(scratch, training);
                    result.Add(new InterpolationPoint(alpha, loss, 1 - accuracy, trainLoss, 1 - trainAccuracy));
                }
                else
                {
                    result.Add(new InterpolationPoint(alpha, loss, 1 - accuracy));
                }
            }

            return new InterpolationPath(result);
        }
        finally
        {
            evaluator.Dispose();
            masked?.Dispose();
            StateDicts.Load(scratch, saved);
            StateDicts.DisposeAll(saved.Values);
        }
    }

    /// <summary>Evaluates the path between two state dicts in a module made by <paramref name="factory"/> (disposed at the end).</summary>
    /// <param name="first">θ₁ (α = 0); not modified.</param>
    /// <param name="second">θ₂ (α = 1); not modified.</param>
    /// <param name="factory">Makes a module of the networks' architecture, on the device to evaluate on.</param>
    /// <param name="data">The evaluation set.</param>
    /// <param name="points">The number of evaluated points n, at least 2.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">The state dicts differ, the options are invalid, or batch-norm data is missing.</exception>
    /// <exception cref="StateDictMismatchException">The state dicts do not fit the module.</exception>
    public static InterpolationPath Evaluate(
        IReadOnlyDictionary<string, Tensor> first,
        IReadOnlyDictionary<string, Tensor> second,
        Func<nn.Module<Tensor, Tensor>> factory,
        ImageDataset data,
        int points,
        InterpolationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var scratch = factory();
        return Evaluate(first, second, scratch, data, points, options);
    }

    private static bool RecomputesBatchNorm(nn.Module model, InterpolationOptions options)
    {
        if (options.BatchNormBatches == 0)
        {
            return false;
        }

        var layers = model.named_modules().Where(m => m.module is TorchSharp.Modules.BatchNorm { track_running_stats: true }).Select(m => m.name).ToList();
        if (layers.Count == 0)
        {
            return false;
        }

        if (options.BatchNormSource is null)
        {
            throw new ArgumentException(
                $"The network has batch-norm layers ('{string.Join("', '", layers)}') whose statistics are recomputed at each point; give 'InterpolationOptions.TrainingSet' or 'BatchNormData', or set 'BatchNormBatches' to 0 to keep the interpolated statistics.",
                nameof(options));
        }

        return true;
    }
}
