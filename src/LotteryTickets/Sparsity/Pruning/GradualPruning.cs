using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// Gradual pruning of a model in one call, without an experiment: trains it with a <see cref="GradualPruningCallback"/>
/// and returns the final mask, the sparsity history and the ticket.
/// </summary>
/// <example>
/// <code>
/// using var result = GradualPruning.Train(model, splits.Train, validation, splits.Test, options, GradualSchedules.Agp(0.9), seed: 1);
/// Console.WriteLine($"{result.Mask.Sparsity().PercentRemaining:F1}% remaining, accuracy {result.Training.Final!.TestAccuracy:P2}");
/// </code>
/// </example>
public static class GradualPruning
{
    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="training"/> while pruning it as <paramref name="schedule"/> says.
    /// With a reset at the end the model is left holding the ticket (snapshot weights under the final mask), which is
    /// evaluated into <see cref="GradualPruningResult.TicketEvaluation"/>; otherwise it holds the trained, pruned weights.
    /// </summary>
    /// <param name="model">The model (owned by the caller; changed in place).</param>
    /// <param name="training">The training set.</param>
    /// <param name="validation">The validation set.</param>
    /// <param name="test">The test set.</param>
    /// <param name="options">The training options.</param>
    /// <param name="schedule">The gradual schedule.</param>
    /// <param name="criterion">The mask criterion; <see langword="null"/> for <see cref="MaskCriteria.LargeFinal"/>.</param>
    /// <param name="seed">The seed of the pruner's tie-breaking and of random criteria.</param>
    /// <param name="prunable">Which weights are prunable; <see langword="null"/> for every Linear and Conv weight.</param>
    /// <param name="callbacks">More callbacks (logging, checkpoints), run after the pruning callback.</param>
    /// <param name="cancellationToken">Stops the run between steps.</param>
    /// <returns>The result, owned by the caller.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or the schedule does not fit the model or the run.</exception>
    public static GradualPruningResult Train(
        nn.Module<Tensor, Tensor> model,
        ImageDataset training,
        ImageDataset validation,
        ImageDataset test,
        TrainingOptions options,
        IGradualPruneSchedule schedule,
        IMaskCriterion? criterion = null,
        ulong seed = 0,
        PrunableParameterOptions? prunable = null,
        IEnumerable<ITrainingCallback>? callbacks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(schedule);
        var layers = PrunableParameters.Select(model, prunable);
        using var generator = new torch.Generator(seed);
        using var pruning = new GradualPruningCallback(schedule, layers, generator, criterion);
        using var trainer = new Trainer(model, training, validation, test, options, [pruning, .. callbacks ?? []]);
        var result = trainer.Run(cancellationToken);
        var ticketEvaluation = pruning.IsResetAtEndDone ? trainer.Evaluate() : null;
        var mask = pruning.Mask.Clone();
        try
        {
            var ticket = pruning.SnapshotIteration is null ? null : pruning.CreateTicket();
            return new GradualPruningResult(result, mask, [.. pruning.History], ticket, ticketEvaluation);
        }
        catch
        {
            mask.Dispose();
            throw;
        }
    }
}
