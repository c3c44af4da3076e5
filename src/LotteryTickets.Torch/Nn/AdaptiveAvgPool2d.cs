namespace LotteryTickets.Torch.Nn;

/// <summary>Average pooling to a fixed output size, as PyTorch's <c>nn.AdaptiveAvgPool2d</c>.</summary>
/// <param name="outputSize">The output height and width.</param>
public sealed class AdaptiveAvgPool2d(Size2d outputSize) : Module
{
    /// <summary>The output height and width.</summary>
    public Size2d OutputSize { get; } = outputSize.Require(1, nameof(outputSize), "an output size must be positive");

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) =>
        Functional.AdaptiveAvgPool2d(input, OutputSize.Height, OutputSize.Width);
}
