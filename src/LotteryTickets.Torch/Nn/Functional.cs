using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Nn;

/// <summary>
/// Neural-network functions, as PyTorch's <c>torch.nn.functional</c>: layers without state,
/// pooling, normalization, dropout, softmax and losses. Every function returns a new tensor
/// owned by the caller (and by the innermost <see cref="DisposeScope"/>) and is differentiable
/// where PyTorch's is. Flattening and other reshapes are <see cref="Tensor"/> methods
/// (<see cref="Tensor.Flatten"/>, <see cref="Tensor.View"/>); so are <see cref="Tensor.Relu"/>
/// and <see cref="Tensor.LeakyRelu"/>.
/// </summary>
public static partial class Functional
{
    /// <summary>The affine map <c>input · weightᵀ + bias</c> over the last dimension.</summary>
    /// <param name="input">The input, of shape (*, in).</param>
    /// <param name="weight">The weight, of shape (out, in).</param>
    /// <param name="bias">The bias, of shape (out), or <see langword="null"/> for none.</param>
    /// <returns>A tensor of shape (*, out).</returns>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        using var pinned = new HandleArray([bias]);
        return Tensor.Wrap(
            NativeMethods.lt_linear(input.Handle, weight.Handle, pinned.Pointers[0], out var r), r, nameof(Linear));
    }

    /// <summary>A two-dimensional convolution (cross-correlation, as PyTorch's <c>conv2d</c>).</summary>
    /// <param name="input">The input, of shape (N, C_in, H, W) or (C_in, H, W).</param>
    /// <param name="weight">The filters, of shape (C_out, C_in / groups, kH, kW).</param>
    /// <param name="bias">The bias, of shape (C_out), or <see langword="null"/> for none.</param>
    /// <param name="stride">The step between windows; 1 when <see langword="null"/>.</param>
    /// <param name="padding">The zero padding added on both sides of each spatial dimension; 0 by default.</param>
    /// <param name="dilation">The spacing between kernel elements; 1 when <see langword="null"/>.</param>
    /// <param name="groups">The number of blocked connections from input to output channels.</param>
    /// <returns>A tensor of shape (N, C_out, H_out, W_out).</returns>
    public static Tensor Conv2d(
        Tensor input, Tensor weight, Tensor? bias = null, Size2d? stride = null, Size2d padding = default,
        Size2d? dilation = null, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        var s = (stride ?? 1).Require(1, nameof(stride), "a stride must be positive");
        var p = padding.Require(0, nameof(padding), "a padding cannot be negative");
        var d = (dilation ?? 1).Require(1, nameof(dilation), "a dilation must be positive");
        if (groups < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(groups), groups, $"The number of groups '{groups}' is invalid: it must be positive. Pass 1 for an ordinary convolution.");
        }

        using var pinned = new HandleArray([bias]);
        return Tensor.Wrap(
            NativeMethods.lt_conv2d(
                input.Handle, weight.Handle, pinned.Pointers[0], s.Height, s.Width, p.Height, p.Width, d.Height, d.Width,
                groups, out var r),
            r,
            nameof(Conv2d));
    }

    /// <summary>Two-dimensional max pooling.</summary>
    /// <param name="input">The input, of shape (N, C, H, W) or (C, H, W).</param>
    /// <param name="kernelSize">The window size.</param>
    /// <param name="stride">The step between windows; the kernel size when <see langword="null"/>.</param>
    /// <param name="padding">The implicit negative-infinity padding on both sides; at most half the kernel size.</param>
    /// <param name="dilation">The spacing between window elements; 1 when <see langword="null"/>.</param>
    /// <param name="ceilMode">Round the output size up instead of down.</param>
    /// <returns>The pooled tensor.</returns>
    public static Tensor MaxPool2d(
        Tensor input, Size2d kernelSize, Size2d? stride = null, Size2d padding = default, Size2d? dilation = null,
        bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var k = kernelSize.Require(1, nameof(kernelSize), "a kernel size must be positive");
        var s = (stride ?? k).Require(1, nameof(stride), "a stride must be positive");
        var p = padding.Require(0, nameof(padding), "a padding cannot be negative");
        var d = (dilation ?? 1).Require(1, nameof(dilation), "a dilation must be positive");
        return Tensor.Wrap(
            NativeMethods.lt_max_pool2d(
                input.Handle, k.Height, k.Width, s.Height, s.Width, p.Height, p.Width, d.Height, d.Width, ceilMode ? 1 : 0,
                out var r),
            r,
            nameof(MaxPool2d));
    }

    /// <summary>Two-dimensional average pooling.</summary>
    /// <param name="input">The input, of shape (N, C, H, W) or (C, H, W).</param>
    /// <param name="kernelSize">The window size.</param>
    /// <param name="stride">The step between windows; the kernel size when <see langword="null"/>.</param>
    /// <param name="padding">The implicit zero padding on both sides; at most half the kernel size.</param>
    /// <param name="ceilMode">Round the output size up instead of down.</param>
    /// <param name="countIncludePad">Count the zero padding in each window's divisor.</param>
    /// <param name="divisorOverride">Divide every window's sum by this number instead; <see langword="null"/> for none.</param>
    /// <returns>The pooled tensor.</returns>
    public static Tensor AvgPool2d(
        Tensor input, Size2d kernelSize, Size2d? stride = null, Size2d padding = default, bool ceilMode = false,
        bool countIncludePad = true, long? divisorOverride = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var k = kernelSize.Require(1, nameof(kernelSize), "a kernel size must be positive");
        var s = (stride ?? k).Require(1, nameof(stride), "a stride must be positive");
        var p = padding.Require(0, nameof(padding), "a padding cannot be negative");
        if (divisorOverride is <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(divisorOverride), divisorOverride, $"The divisor override '{divisorOverride}' is invalid: it must be positive. Pass null to divide by the window size.");
        }

        return Tensor.Wrap(
            NativeMethods.lt_avg_pool2d(
                input.Handle, k.Height, k.Width, s.Height, s.Width, p.Height, p.Width, ceilMode ? 1 : 0,
                countIncludePad ? 1 : 0, divisorOverride ?? 0, out var r),
            r,
            nameof(AvgPool2d));
    }

    /// <summary>Two-dimensional average pooling to a fixed output size, whatever the input size.</summary>
    /// <param name="input">The input, of shape (N, C, H, W) or (C, H, W).</param>
    /// <param name="outputHeight">The output height.</param>
    /// <param name="outputWidth">The output width.</param>
    /// <returns>A tensor of shape (N, C, outputHeight, outputWidth).</returns>
    public static Tensor AdaptiveAvgPool2d(Tensor input, long outputHeight, long outputWidth)
    {
        ArgumentNullException.ThrowIfNull(input);
        var size = new Size2d(outputHeight, outputWidth).Require(1, "outputSize", "an output size must be positive");
        return Tensor.Wrap(
            NativeMethods.lt_adaptive_avg_pool2d(input.Handle, size.Height, size.Width, out var r), r, nameof(AdaptiveAvgPool2d));
    }

    /// <summary>Two-dimensional average pooling to a square output size.</summary>
    /// <param name="input">The input, of shape (N, C, H, W) or (C, H, W).</param>
    /// <param name="outputSize">The output height and width.</param>
    /// <returns>A tensor of shape (N, C, outputSize, outputSize).</returns>
    public static Tensor AdaptiveAvgPool2d(Tensor input, long outputSize) => AdaptiveAvgPool2d(input, outputSize, outputSize);
}
