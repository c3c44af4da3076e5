namespace LotteryTickets.Torch.Nn;

/// <summary>Two-dimensional max pooling, as PyTorch's <c>nn.MaxPool2d</c> (see <see cref="Functional.MaxPool2d"/>).</summary>
/// <param name="kernelSize">The window size.</param>
/// <param name="stride">The step between windows; the kernel size when null.</param>
/// <param name="padding">The implicit negative-infinity padding on both sides.</param>
/// <param name="dilation">The spacing between window elements; 1 when null.</param>
/// <param name="ceilMode">Round the output size up instead of down.</param>
public sealed class MaxPool2d(
    Size2d kernelSize, Size2d? stride = null, Size2d padding = default, Size2d? dilation = null, bool ceilMode = false)
    : Module
{
    /// <summary>The window size.</summary>
    public Size2d KernelSize { get; } = kernelSize.Require(1, nameof(kernelSize), "a kernel size must be positive");

    /// <summary>The step between windows.</summary>
    public Size2d Stride { get; } = (stride ?? kernelSize).Require(1, nameof(stride), "a stride must be positive");

    /// <summary>The padding on both sides.</summary>
    public Size2d Padding { get; } = padding.Require(0, nameof(padding), "a padding cannot be negative");

    /// <summary>The spacing between window elements.</summary>
    public Size2d Dilation { get; } = (dilation ?? 1).Require(1, nameof(dilation), "a dilation must be positive");

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; } = ceilMode;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) =>
        Functional.MaxPool2d(input, KernelSize, Stride, Padding, Dilation, CeilMode);
}
