namespace LotteryTickets.Torch.Nn;

/// <summary>The rectifier max(x, 0), as PyTorch's <c>nn.ReLU</c>.</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Relu();
    }
}
