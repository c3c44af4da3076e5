using TorchSharp.Modules;
using static TorchSharp.torch;

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
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    /// <summary>Builds the block.</summary>
    /// <param name="inChannels">The number of input channels.</param>
    /// <param name="outChannels">The number of output channels.</param>
    /// <param name="stride">The stride of <c>conv1</c> and of the projection (2 halves the map).</param>
    /// <param name="generator">The random generator for the layers' default initialization (not kept); null for the global one (the layers' own initialization).</param>
    /// <exception cref="ArgumentOutOfRangeException">A channel count or the stride is not positive.</exception>
    public BasicBlock(long inChannels, long outChannels, int stride = 1, Generator? generator = null)
        : base(nameof(BasicBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        register_module(nameof(conv1), conv1);
        register_module(nameof(bn1), bn1);
        register_module(nameof(conv2), conv2);
        register_module(nameof(bn2), bn2);
        if (stride != 1 || inChannels != outChannels)
        {
            downsample = nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels));
            register_module(nameof(downsample), downsample);
        }

        RegisterComponents();
        ModelInput.Initialize(this, generator);
    }

    /// <summary>The first 3×3 convolution (carries the stride).</summary>
    public Conv2d Conv1 => conv1;

    /// <summary>The batch norm after <see cref="Conv1"/>.</summary>
    public BatchNorm2d Bn1 => bn1;

    /// <summary>The second 3×3 convolution.</summary>
    public Conv2d Conv2 => conv2;

    /// <summary>The batch norm after <see cref="Conv2"/>.</summary>
    public BatchNorm2d Bn2 => bn2;

    /// <summary>The projection shortcut (1×1 convolution, batch norm), or null when the shortcut is the identity.</summary>
    public Sequential? Downsample => downsample;

    /// <summary>Computes relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)).</summary>
    /// <param name="input">A batch of shape [N, in, H, W].</param>
    /// <returns>A batch of shape [N, out, ⌈H/s⌉, ⌈W/s⌉], owned by the caller (and the innermost dispose scope).</returns>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = bn1.call(conv1.call(input)).relu();
        x = bn2.call(conv2.call(x));
        var shortcut = downsample is null ? input : downsample.call(input);
        return x.add(shortcut).relu();
    }
}
