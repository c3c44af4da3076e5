namespace LotteryTickets.Torch.Nn;

/// <summary>Returns its input, as PyTorch's <c>nn.Identity</c>: a placeholder where a layer is optional.</summary>
public sealed class Identity : Module
{
    /// <summary>A new handle to the input itself (same tensor, owned separately by the caller).</summary>
    /// <param name="input">The input.</param>
    /// <returns>An alias of <paramref name="input"/>.</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Alias();
    }
}
