using TorchSharp;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Tickets;

/// <summary>
/// What the "mask-1" transforms share: replacing the starting values of the kept weights of every masked layer, layer by
/// layer, and the per-layer building blocks (a seeded shuffle of the kept values, the layer's standard deviation).
/// </summary>
internal static class KeptWeights
{
    /// <summary>
    /// A copy of <paramref name="ticket"/> whose kept positions in every masked layer hold
    /// <paramref name="values"/>(layer, start, keep); pruned positions, every tensor that is not a masked layer (biases,
    /// norms, buffers), the mask and the pruned values are unchanged. Layers are visited in the mask's order, so a
    /// function that draws from a generator draws the same numbers every time.
    /// </summary>
    /// <param name="ticket">The ticket (borrowed).</param>
    /// <param name="values">
    /// Given the layer, its starting weights and the boolean tensor of its kept positions, a tensor of the layer's shape
    /// whose values at kept positions are the new starting values (values elsewhere are ignored); owned by the open scope.
    /// </param>
    /// <returns>A new ticket, owned by the caller.</returns>
    public static Ticket Replace(Ticket ticket, Func<PrunableLayer, Tensor, Tensor, Tensor> values)
    {
        using var scope = torch.NewDisposeScope();
        var weights = new Dictionary<string, Tensor>(ticket.Weights, StringComparer.Ordinal);
        foreach (var layer in ticket.Mask.Layers)
        {
            var start = ticket.Weights[layer.Name];
            var keep = ticket.Mask[layer.Name].to(start.device).ne(0);
            weights[layer.Name] = torch.where(keep, values(layer, start, keep).to(start.dtype, start.device), start);
        }

        return ticket.WithWeights(weights);
    }

    /// <summary>
    /// <paramref name="start"/> with its kept values in a random order (a uniform permutation drawn from
    /// <paramref name="generator"/>): the same multiset of values at the same kept positions; pruned positions unchanged.
    /// </summary>
    /// <param name="start">A layer's weights (borrowed).</param>
    /// <param name="keep">The layer's kept positions, boolean, same shape and device (borrowed).</param>
    /// <param name="generator">The source of the permutation.</param>
    /// <returns>A new tensor, owned by the open scope.</returns>
    public static Tensor Shuffle(Tensor start, Tensor keep, Generator generator)
    {
        var kept = start.masked_select(keep);
        return kept.numel() == 0 ? start.clone() : start.masked_scatter(keep, kept.index_select(0, Permutation(kept.numel(), generator, start.device)));
    }

    /// <summary>A uniform random permutation of 0..<paramref name="n"/>−1 drawn from <paramref name="generator"/> (on its device), moved to <paramref name="device"/>.</summary>
    /// <param name="n">The number of elements.</param>
    /// <param name="generator">The source of randomness.</param>
    /// <param name="device">Where the result goes.</param>
    /// <returns>An Int64 tensor owned by the open scope.</returns>
    public static Tensor Permutation(long n, Generator generator, Device device) =>
        torch.randperm(n, ScalarType.Int64, generator.device, generator: generator).to(device);

    /// <summary>
    /// σ_layer of Zhou et al.'s signed constants: the population standard deviation (NumPy's <c>np.std</c>, divisor n) of
    /// the whole layer tensor of starting weights, kept and pruned positions alike.
    /// </summary>
    /// <param name="start">A layer's starting weights (borrowed).</param>
    /// <returns>A 0-dimensional tensor owned by the open scope.</returns>
    public static Tensor LayerStandardDeviation(Tensor start) => start.std(unbiased: false);
}
