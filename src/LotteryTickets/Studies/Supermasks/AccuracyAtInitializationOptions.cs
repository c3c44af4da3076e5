using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Tickets;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Supermasks;

/// <summary>
/// Options of <see cref="AccuracyAtInitialization"/>: which mask criteria and sparsities to evaluate, the pruning scope,
/// an optional ticket transform applied before evaluating (e.g. <c>signed_constant</c>), and how to evaluate.
/// </summary>
public sealed class AccuracyAtInitializationOptions
{
    /// <summary>The default <see cref="EvaluationBatchSize"/>.</summary>
    public const int DefaultEvaluationBatchSize = 1000;

    /// <summary>The mask criteria to evaluate, in the order of the rows.</summary>
    /// <value>The default value is every built-in criterion of <see cref="MaskCriteria.Names"/>, in that order.</value>
    public IList<IMaskCriterion> Criteria { get; set; } = [.. MaskCriteria.Names.Select(MaskCriteria.Get)];

    /// <summary>The target sparsities (fractions of the prunable weights pruned, each in [0, 1)), in the order of the rows.</summary>
    /// <value>The default value is 0.5, 0.8, 0.9, 0.95 and 0.99.</value>
    public IList<double> Sparsities { get; set; } = [0.5, 0.8, 0.9, 0.95, 0.99];

    /// <summary>Whether each layer is pruned to the sparsity on its own, or all prunable layers together against one threshold.</summary>
    /// <value>The default value is <see cref="PruningScope.Layerwise"/>.</value>
    public PruningScope Scope { get; set; } = PruningScope.Layerwise;

    /// <summary>
    /// A transform applied to each ticket (the mask with the initial weights) before it is evaluated, e.g. Zhou et al.'s
    /// signed constant; the evaluated network is the transformed ticket's weights with its mask applied (pruned
    /// positions zero, or the ticket's pruned values).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (evaluate the masked initial weights).</value>
    public ITicketTransform? Transform { get; set; }

    /// <summary>Builds a freshly initialized model from a generator, for transforms that draw new weights (<c>random_reinit</c>).</summary>
    /// <value>The default value is <see langword="null"/>; a transform that asks for fresh weights then fails with a message.</value>
    public Func<Generator, nn.Module<Tensor, Tensor>>? ModelFactory { get; set; }

    /// <summary>Which weights are prunable.</summary>
    /// <value>The default value is <see langword="null"/> (every Linear and Conv weight).</value>
    public PrunableParameterOptions? Prunable { get; set; }

    /// <summary>The seed of the pruner's tie-breaking, of random criteria and of the transform; each row derives its own seed from it.</summary>
    /// <value>The default value is 0.</value>
    public ulong Seed { get; set; }

    /// <summary>The batch size of the evaluation.</summary>
    /// <value>The default value is <see cref="DefaultEvaluationBatchSize"/>.</value>
    public int EvaluationBatchSize { get; set; } = DefaultEvaluationBatchSize;

    /// <summary>Where the evaluation runs (the model must already be there).</summary>
    /// <value>The default value is the CPU.</value>
    public Device Device { get; set; } = CPU;

    internal void Validate()
    {
        var v = new ScheduleValidator(nameof(AccuracyAtInitializationOptions));
        if (Criteria is null || Criteria.Count == 0)
        {
            v.Add($"'{nameof(Criteria)}' is empty; give at least one mask criterion, e.g. MaskCriteria.LargeFinal.");
        }
        else if (Criteria.Any(c => c is null))
        {
            v.Add($"'{nameof(Criteria)}' holds a null entry; remove it.");
        }
        else if (Criteria.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            v.Add($"'{nameof(Criteria)}' names the criterion '{dup.Key}' more than once; give each criterion once.");
        }

        if (Sparsities is null || Sparsities.Count == 0)
        {
            v.Add($"'{nameof(Sparsities)}' is empty; give at least one sparsity, e.g. 0.9.");
        }
        else
        {
            for (var i = 0; i < Sparsities.Count; i++)
            {
                v.Fraction(Sparsities[i], $"{nameof(Sparsities)}[{i}]");
            }
        }

        if (!Enum.IsDefined(Scope))
        {
            v.Add($"'{nameof(Scope)}' is {Scope}; it must be Layerwise or Global.");
        }

        v.AtLeast(EvaluationBatchSize, 1, nameof(EvaluationBatchSize));
        v.ThrowIfInvalid();
    }
}
