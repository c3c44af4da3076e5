using LotteryTickets.Tickets;
using LotteryTickets.Components;

namespace LotteryTickets.Initialization;

/// <summary>
/// Su et al.'s hybrid ticket (<c>hybrid</c>): per-layer counts from the smart ratio (<see cref="SmartRatioDensities"/>),
/// keeping as many weights in all as the incoming ticket's mask does, at the positions of the largest magnitudes of the
/// ticket's starting weights in each layer (ties to the lower flat index). The starting weights and pruned values are
/// the ticket's, unchanged. Deterministic: it draws nothing at random.
/// </summary>
public sealed class HybridTicket : ITicketTransform, IDescribable
{
    /// <summary>The registry name, <c>hybrid</c>.</summary>
    public const string TransformName = "hybrid";

    private readonly SmartRatioDensities densities;
    private readonly bool residualFromNetwork;

    /// <summary>Creates the transform.</summary>
    /// <param name="options">The smart-ratio options (copied), or <see langword="null"/> for the defaults with <c>Residual</c> taken from the network (<see cref="TicketTransformContext.IsResidualNetwork"/>).</param>
    /// <exception cref="ArgumentException">The options are invalid; every problem is listed.</exception>
    public HybridTicket(SmartRatioOptions? options = null)
    {
        densities = new SmartRatioDensities(options);
        residualFromNetwork = options is null;
    }

    /// <inheritdoc />
    public string Name => TransformName;

    /// <summary>The rule giving each layer's count.</summary>
    public SmartRatioDensities Densities => densities;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        var rule = residualFromNetwork ? densities.ForNetwork(context.IsResidualNetwork) : densities;
        var counts = rule.Allocate(ticket.Mask.Layers, ticket.Mask.Sparsity().Remaining);
        using var mask = InitializationMasks.Largest(counts, ticket.Weights, ticket.Mask.Device);
        return ticket.WithMask(mask);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> DescribeParameters() => densities.DescribeParameters();

    /// <inheritdoc />
    public override string ToString() => Name;
}
