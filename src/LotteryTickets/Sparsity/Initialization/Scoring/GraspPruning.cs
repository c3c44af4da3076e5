using LotteryTickets.Tickets;
using LotteryTickets.Components;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>
/// GraSP as a mask generator (<c>grasp</c>, and the data sanity checks <c>grasp_random_labels</c> and
/// <c>grasp_shuffled_pixels</c>): scores the ticket's start weights with <see cref="GraspScores"/> (keep-score θ ⊙ Hg,
/// i.e. GraSP's weights of smallest −θ ⊙ Hg are kept) on a class-balanced batch of the training data and keeps, with
/// one global threshold, as many weights in total as the ticket's mask keeps. The start weights and pruned values
/// are unchanged.
/// </summary>
/// <remarks>
/// Needs <see cref="TicketTransformContext.ModelFactory"/> and <see cref="TicketTransformContext.TrainingData"/>. The batch
/// and the data variant are drawn from seeds derived from the context; ties are broken by its generator.
/// </remarks>
public sealed class GraspPruning : ITicketTransform, IDescribable
{
    /// <summary>The registry name of the variant on the training data, <c>grasp</c>.</summary>
    public const string TransformName = "grasp";

    /// <summary>GraSP with the default options.</summary>
    public GraspPruning()
        : this(new GraspOptions())
    {
    }

    /// <summary>GraSP with <paramref name="options"/> (copied).</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">The options are invalid; every error is listed.</exception>
    public GraspPruning(GraspOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        SamplesPerClass = options.SamplesPerClass;
        DataVariant = options.DataVariant;
        Temperature = options.Temperature;
    }

    /// <summary>How many samples of each class the scoring batch holds.</summary>
    public int SamplesPerClass { get; }

    /// <summary>The data scored on.</summary>
    public ScoringDataVariant DataVariant { get; }

    /// <summary>The temperature dividing the logits.</summary>
    public double Temperature { get; }

    /// <inheritdoc />
    public string Name => TransformName + ScoringOptionsValidation.Suffix(DataVariant);

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = NewDisposeScope();
        using var model = TicketScoring.Model(ticket, context, Name);
        var (images, labels) = TicketScoring.Batch(context, Name, DataVariant, SamplesPerClass);
        var scores = GraspScores.Compute(model, images, labels, ticket.Mask.Layers, Temperature);
        using var mask = ScoreMask.KeepTop(scores, ticket.Mask.Layers, TicketScoring.Kept(ticket.Mask), context.Generator, ticket.Mask.Device);
        return ticket.WithMask(mask);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> DescribeParameters()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (SamplesPerClass != ClassBalancedBatch.DefaultSamplesPerClass)
        {
            result["samplesPerClass"] = SamplesPerClass;
        }

        if (Temperature != GraspScores.DefaultTemperature)
        {
            result["temperature"] = Temperature;
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
