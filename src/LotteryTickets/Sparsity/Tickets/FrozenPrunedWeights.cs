using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Tickets;

/// <summary>
/// What the "mask-0" transforms share: the test "the weight's magnitude decreased during training", |w_start| &gt; |w_trained|
/// (strictly, as in Zhou et al.'s code), and the starting weights with those weights set to zero.
/// </summary>
internal static class FrozenPrunedWeights
{
    /// <summary>
    /// The starting weights of <paramref name="layer"/> with every weight whose magnitude decreased during training set
    /// to zero; the others keep their starting values.
    /// </summary>
    /// <param name="ticket">The ticket (borrowed).</param>
    /// <param name="layer">A masked layer.</param>
    /// <param name="context">The context, for the trained weights.</param>
    /// <returns>A new tensor owned by the open scope.</returns>
    /// <exception cref="ArgumentException">The trained weights lack the layer or have another shape.</exception>
    public static Tensor ZeroWhereMagnitudeDecreased(Ticket ticket, PrunableLayer layer, TicketTransformContext context)
    {
        var start = ticket.Weights[layer.Name];
        if (!context.TrainedWeights.TryGetValue(layer.Name, out var trained) || !trained.shape.SequenceEqual(start.shape))
        {
            throw new ArgumentException(
                $"The trained weights have no tensor of shape {Masks.Mask.ShapeText(start.shape)} for the masked layer '{layer.Name}'; the mask-0 transforms compare each weight's magnitude at the start and after training, so give the trained state dict of the same model.",
                nameof(context));
        }

        var decreased = start.abs().gt(trained.to(start.dtype, start.device).abs());
        return start.masked_fill(decreased, 0);
    }
}
