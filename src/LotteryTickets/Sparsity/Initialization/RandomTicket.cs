using LotteryTickets.Tickets;
using LotteryTickets.Components;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>
/// A random ticket (Su et al.): a mask drawn at random with per-layer counts from a <see cref="ILayerDensities"/> rule,
/// keeping as many weights in all as the incoming ticket's mask does (so that a branch at each IMP level compares at
/// the level's sparsity). The positions in each layer are uniformly random, drawn from a generator seeded with
/// <see cref="TicketTransformContext.DeriveSeed"/>(<see cref="Name"/>); the starting weights and pruned values are the
/// ticket's, unchanged. Registered as <c>random_uniform</c>, <c>smart_ratio</c> and <c>random_erk</c>.
/// </summary>
public sealed class RandomTicket : ITicketTransform, IDescribable
{
    /// <summary>The registry name of random masks with uniform densities, <c>random_uniform</c>.</summary>
    public const string UniformName = "random_uniform";

    /// <summary>The registry name of random masks with smart-ratio densities (Su et al.'s random tickets), <c>smart_ratio</c>.</summary>
    public const string SmartRatioName = "smart_ratio";

    /// <summary>The registry name of random masks with ERK densities, <c>random_erk</c>.</summary>
    public const string ErkName = "random_erk";

    /// <summary>Creates a random-ticket transform.</summary>
    /// <param name="name">The transform's name (it names the transform in the experiment's hash and seeds the positions).</param>
    /// <param name="densities">The rule giving each layer's count.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public RandomTicket(string name, ILayerDensities densities)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(densities);
        Name = name;
        Densities = densities;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Whether a smart-ratio rule made without options takes <c>Residual</c> from <see cref="TicketTransformContext.IsResidualNetwork"/>.</summary>
    private bool residualFromNetwork;

    /// <summary>The rule giving each layer's count.</summary>
    public ILayerDensities Densities { get; }

    /// <summary>Random masks with the same density in every layer (<c>random_uniform</c>).</summary>
    /// <returns>The transform.</returns>
    public static RandomTicket Uniform() => new(UniformName, new UniformDensities());

    /// <summary>Su et al.'s random tickets: random masks with smart-ratio densities (<c>smart_ratio</c>).</summary>
    /// <param name="options">The smart-ratio options (copied), or <see langword="null"/> for the defaults with <c>Residual</c> taken from the network (<see cref="TicketTransformContext.IsResidualNetwork"/>).</param>
    /// <returns>The transform.</returns>
    /// <exception cref="ArgumentException">The options are invalid; every problem is listed.</exception>
    public static RandomTicket SmartRatio(SmartRatioOptions? options = null) =>
        new(SmartRatioName, new SmartRatioDensities(options)) { residualFromNetwork = options is null };

    /// <summary>Random masks with Erdős–Rényi-Kernel densities (<c>random_erk</c>).</summary>
    /// <returns>The transform.</returns>
    public static RandomTicket Erk() => new(ErkName, new ErkDensities());

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        var densities = residualFromNetwork && Densities is SmartRatioDensities smartRatio
            ? smartRatio.ForNetwork(context.IsResidualNetwork)
            : Densities;
        var counts = densities.Allocate(ticket.Mask.Layers, ticket.Mask.Sparsity().Remaining);
        using var generator = new Generator(context.DeriveSeed(Name));
        using var mask = InitializationMasks.Random(counts, generator, ticket.Mask.Device);
        return ticket.WithMask(mask);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> DescribeParameters()
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Densities is IDescribable describable)
        {
            foreach (var (key, value) in describable.DescribeParameters())
            {
                parameters[key] = value;
            }
        }

        if (Densities is not (UniformDensities or SmartRatioDensities or ErkDensities))
        {
            parameters["densities"] = Densities.Name;
        }

        return parameters;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
