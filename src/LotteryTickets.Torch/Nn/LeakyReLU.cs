namespace LotteryTickets.Torch.Nn;

/// <summary>The leaky rectifier: x for x ≥ 0, negativeSlope·x otherwise, as PyTorch's <c>nn.LeakyReLU</c>.</summary>
/// <param name="negativeSlope">The slope for negative inputs.</param>
public sealed class LeakyReLU(double negativeSlope = 0.01) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LeakyRelu(NegativeSlope);
    }
}
