namespace LotteryTickets.Tickets;

/// <summary>
/// Zhou et al.'s "mask-1" random signed constant (<c>random_signed_constant</c>; <c>rand_signed_constant</c> in their code):
/// every kept weight starts at ±σ_layer with a random sign, σ_layer being the standard deviation of the layer's starting
/// weights (as in <see cref="SignedConstant"/>). Pruned positions and every other tensor are unchanged.
/// </summary>
/// <remarks>
/// As in Zhou et al.'s code, the random signs are the signs of the layer's starting weights permuted at random over the whole
/// layer (a uniform permutation from <see cref="TicketTransformContext.Generator"/>, layers in the mask's order), so the layer
/// keeps its proportion of positive and negative weights while each weight's sign is random.
/// </remarks>
public sealed class RandomSignedConstant : ITicketTransform
{
    /// <summary>The registry name, <c>random_signed_constant</c>.</summary>
    public const string TransformName = "random_signed_constant";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        return KeptWeights.Replace(ticket, (_, start, _) =>
        {
            var signs = start.sign().flatten();
            var shuffled = signs.index_select(0, KeptWeights.Permutation(signs.numel(), context.Generator, start.device)).reshape(start.shape);
            return shuffled * KeptWeights.LayerStandardDeviation(start);
        });
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
