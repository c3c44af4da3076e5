using LotteryTickets.Tickets;
using LotteryTickets.Components;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>
/// SynFlow as a mask generator (<c>synflow</c>): iterative, data-free pruning of the ticket's start weights
/// (<see cref="SynFlowScores.Prune"/>) down to as many weights in total as the ticket's mask keeps. The start weights
/// and pruned values are unchanged.
/// </summary>
/// <remarks>
/// Needs <see cref="TicketTransformContext.ModelFactory"/>, and <see cref="TicketTransformContext.TrainingData"/> only for
/// the shape of one input sample (no sample is read). Ties are broken by the context's generator.
/// </remarks>
public sealed class SynFlowPruning : ITicketTransform, IDescribable
{
    /// <summary>The registry name, <c>synflow</c>.</summary>
    public const string TransformName = "synflow";

    /// <summary>SynFlow with the default options (100 rounds).</summary>
    public SynFlowPruning()
        : this(new SynFlowOptions())
    {
    }

    /// <summary>SynFlow with <paramref name="options"/> (copied).</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">The options are invalid; every error is listed.</exception>
    public SynFlowPruning(SynFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Rounds = options.Rounds;
    }

    /// <summary>The number of pruning rounds.</summary>
    public int Rounds { get; }

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = NewDisposeScope();
        using var model = TicketScoring.Model(ticket, context, Name);
        var input = context.RequireTrainingData(Name).SampleShape;
        using var mask = SynFlowScores.Prune(model, input, ticket.Mask.Layers, TicketScoring.Kept(ticket.Mask), context.Generator, Rounds, ticket.Mask.Device);
        return ticket.WithMask(mask);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> DescribeParameters()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Rounds != SynFlowScores.DefaultRounds)
        {
            result["rounds"] = Rounds;
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
