using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Models;

/// <summary>
/// He et al.'s basic residual block: <c>conv1</c> (3×3, stride s, no bias) → <c>bn1</c> → ReLU →
/// <c>conv2</c> (3×3, no bias) → <c>bn2</c>, plus the shortcut, then ReLU. The shortcut is the identity when
/// the block keeps the shape, and otherwise a projection <c>downsample</c> = 1×1 convolution (stride s, no
/// bias) then batch norm (option B, as Su et al.'s code), named <c>downsample.0</c> and <c>downsample.1</c>
/// as in PyTorch.
/// </summary>
/// <remarks>The modules are registered in the order <c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>,
/// <c>downsample</c>, so the projection's weight follows <c>conv2.weight</c> among the prunable layers, as in
/// the PyTorch model. Initialization is that of PyTorch's layer defaults; <see cref="ResNet"/> re-initializes.</remarks>
public sealed class BasicBlock : Module
{
    /// <summary>Builds the block.</summary>
    /// <param name="inChannels">The number of input channels.</param>
    /// <param name="outChannels">The number of output channels.</param>
    /// <param name="stride">The stride of <c>conv1</c> and of the projection (2 halves the map).</param>
    /// <param name="generator">The random generator for the layers' default initialization (not kept); null for the global one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A channel count or the stride is not positive.</exception>
    public BasicBlock(long inChannels, long outChannels, int stride = 1, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, padding: 1, bias: false, generator: generator));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        Conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, padding: 1, bias: false, generator: generator));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        if (stride != 1 || inChannels != outChannels)
        {
            Downsample = RegisterModule(
                "downsample",
                new Sequential(new Conv2d(inChannels, outChannels, 1, stride, bias: false, generator: generator), new BatchNorm2d(outChannels)));
        }
    }

    /// <summary>The first 3×3 convolution (carries the stride).</summary>
    public Conv2d Conv1 { get; }

    /// <summary>The batch norm after <see cref="Conv1"/>.</summary>
    public BatchNorm2d Bn1 { get; }

    /// <summary>The second 3×3 convolution.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>The batch norm after <see cref="Conv2"/>.</summary>
    public BatchNorm2d Bn2 { get; }

    /// <summary>The projection shortcut (1×1 convolution, batch norm), or null when the shortcut is the identity.</summary>
    public Sequential? Downsample { get; }

    /// <summary>Computes relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)).</summary>
    /// <param name="input">A batch of shape [N, in, H, W].</param>
    /// <returns>A batch of shape [N, out, ⌈H/s⌉, ⌈W/s⌉], owned by the caller (and the innermost <see cref="DisposeScope"/>).</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = Bn1.Forward(Conv1.Forward(input)).Relu();
        x = Bn2.Forward(Conv2.Forward(x));
        var shortcut = Downsample is null ? input : Downsample.Forward(input);
        return (x + shortcut).Relu();
    }
}
