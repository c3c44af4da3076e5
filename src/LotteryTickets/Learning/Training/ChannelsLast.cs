using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// Runs a model's 2-D convolutions in channels-last (NHWC) memory layout, which oneDNN's CPU kernels run faster than
/// the default NCHW for many networks (see <c>benchmarks/README.md</c>): the weights of every <see cref="Conv2d"/> are
/// re-laid out in place (same parameter objects, same values, so optimizers and masks keep working), and a forward
/// pre-hook on the model lays each 4-D input out the same way. The values a layer computes are the same up to float
/// rounding; the layout is not part of any saved file (state dicts and checkpoints are written contiguous).
/// <see cref="Dispose"/> removes the hooks and lays the weights out contiguously again.
/// </summary>
/// <remarks>
/// Guarded: a 1×1 stride-2 convolution with fewer than <see cref="MinGuardedInputChannels"/> input channels stays in
/// NCHW (its weight is left alone and its input made contiguous by a hook of its own), since oneDNN's
/// <c>jit_1x1:avx2</c> backward-weights kernel corrupts the heap on that shape in channels-last
/// (uxlfoundation/oneDNN#6035). PyTorch equivalent: <c>model.to(memory_format=torch.channels_last)</c> and
/// <c>x.to(memory_format=torch.channels_last)</c>.
/// </remarks>
public sealed class ChannelsLast : IDisposable
{
    /// <summary>Convolutions with fewer input channels than this, a 1×1 kernel and stride 2 stay in NCHW (oneDNN#6035).</summary>
    public const int MinGuardedInputChannels = 16;

    private readonly List<Action> hookRemovals = [];
    private readonly List<Parameter> converted = [];
    private bool disposed;

    private ChannelsLast(nn.Module<Tensor, Tensor> model)
    {
        using (no_grad())
        {
            foreach (var (name, module) in model.named_modules())
            {
                if (module is not Conv2d conv)
                {
                    continue;
                }

                if (IsGuarded(conv))
                {
                    GuardedLayers.Add(name);
                    var guard = conv.register_forward_pre_hook((_, x) => x.dim() == 4 && !x.is_contiguous() ? x.contiguous() : x);
                    hookRemovals.Add(guard.remove);
                    continue;
                }

                var weight = conv.weight;
                if (weight is not null && weight.dim() == 4 && !IsChannelsLast(weight))
                {
                    using var laidOut = Layout(weight);
                    weight.set_(laidOut);
                    converted.Add(weight);
                }
            }
        }

        var input = model.register_forward_pre_hook((_, x) => x.dim() == 4 ? Layout(x) : x);
        hookRemovals.Add(input.remove);
    }

    /// <summary>The names of the convolutions kept in NCHW by the oneDNN#6035 guard.</summary>
    public List<string> GuardedLayers { get; } = [];

    /// <summary>Whether <paramref name="conv"/> is kept out of channels-last: 1×1 kernel, stride 2, fewer than 16 input channels.</summary>
    /// <param name="conv">A 2-D convolution.</param>
    /// <returns>Whether it is guarded.</returns>
    public static bool IsGuarded(Conv2d conv)
    {
        ArgumentNullException.ThrowIfNull(conv);
        return conv.kernel_size.All(k => k == 1) && conv.stride.Any(s => s == 2) && conv.in_channels < MinGuardedInputChannels;
    }

    /// <summary>
    /// Lays out <paramref name="model"/>'s convolution weights channels-last and hooks its forward so 4-D inputs follow;
    /// call it after moving the model to its device and before creating its optimizer.
    /// </summary>
    /// <param name="model">Any module (borrowed); modules without <see cref="Conv2d"/> layers get only the input hook.</param>
    /// <returns>The handle that undoes it.</returns>
    public static ChannelsLast Apply(nn.Module<Tensor, Tensor> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ChannelsLast(model);
    }

    /// <summary>A channels-last copy (NHWC strides, NCHW shape) of a 4-D tensor, or the tensor itself when already so laid out.</summary>
    /// <param name="x">A 4-D tensor.</param>
    /// <returns>The tensor with channels-last strides.</returns>
    public static Tensor Layout(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 4)
        {
            throw new ArgumentException($"Only 4-D (N, C, H, W) tensors have a channels-last layout; this one has shape [{string.Join(", ", x.shape)}].", nameof(x));
        }

        return IsChannelsLast(x) ? x : x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }

    /// <summary>Whether a 4-D tensor's strides are channels-last (channels densest, then width, height, batch).</summary>
    /// <param name="x">A 4-D tensor.</param>
    /// <returns>Whether it is laid out channels-last.</returns>
    public static bool IsChannelsLast(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 4)
        {
            return false;
        }

        // Dimensions of size 1 have no meaningful stride: only the others must match NHWC's.
        var s = x.stride();
        var n = x.shape;
        long[] expected = [n[1] * n[2] * n[3], 1, n[1] * n[3], n[1]];
        return Enumerable.Range(0, 4).All(d => n[d] == 1 || s[d] == expected[d]);
    }

    /// <summary>Removes the hooks and lays the converted weights out contiguously (NCHW) again.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var remove in hookRemovals)
        {
            remove();
        }

        using (no_grad())
        {
            foreach (var weight in converted)
            {
                if (!weight.IsInvalid && !weight.is_contiguous())
                {
                    using var contiguous = weight.contiguous();
                    weight.set_(contiguous);
                }
            }
        }
    }
}
