namespace LotteryTickets.Torch.Nn;

/// <summary>Two-dimensional average pooling, as PyTorch's <c>nn.AvgPool2d</c> (see <see cref="Functional.AvgPool2d"/>).</summary>
/// <param name="kernelSize">The window size.</param>
/// <param name="stride">The step between windows; the kernel size when null.</param>
/// <param name="padding">The implicit zero padding on both sides.</param>
/// <param name="ceilMode">Round the output size up instead of down.</param>
/// <param name="countIncludePad">Count the zero padding in each window's divisor.</param>
/// <param name="divisorOverride">Divide every window's sum by this number instead; null for none.</param>
public sealed class AvgPool2d(
    Size2d kernelSize, Size2d? stride = null, Size2d padding = default, bool ceilMode = false, bool countIncludePad = true,
    long? divisorOverride = null)
    : Module
{
    /// <summary>The window size.</summary>
    public Size2d KernelSize { get; } = kernelSize.Require(1, nameof(kernelSize), "a kernel size must be positive");

    /// <summary>The step between windows.</summary>
    public Size2d Stride { get; } = (stride ?? kernelSize).Require(1, nameof(stride), "a stride must be positive");

    /// <summary>The padding on both sides.</summary>
    public Size2d Padding { get; } = padding.Require(0, nameof(padding), "a padding cannot be negative");

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; } = ceilMode;

    /// <summary>Whether the zero padding counts in each window's divisor.</summary>
    public bool CountIncludePad { get; } = countIncludePad;

    /// <summary>The divisor used instead of the window size, or null.</summary>
    public long? DivisorOverride { get; } = divisorOverride;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) =>
        Functional.AvgPool2d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride);
}
