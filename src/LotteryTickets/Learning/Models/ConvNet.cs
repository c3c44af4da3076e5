using LotteryTickets.Datasets;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Models;

/// <summary>
/// Frankle &amp; Carbin's Conv-2, Conv-4 and Conv-6 (their Figure 2, VGG-like): blocks of two 3×3
/// convolutions (padding 1, ReLU) followed by a 2×2 max pool — 64 filters in the first block, 128 in the
/// second, 256 in the third — then flatten and three fully-connected layers, 256 and 256 units (ReLU) and
/// the output layer.
/// </summary>
/// <remarks>
/// <para>Parameters, in order: <c>conv1.weight</c>, <c>conv1.bias</c>, …, <c>conv{2·blocks}.bias</c>,
/// <c>fc1.weight</c>, <c>fc1.bias</c>, <c>fc2.weight</c>, <c>fc2.bias</c>, <c>fc3.weight</c>, <c>fc3.bias</c>,
/// initialized as PyTorch's layer defaults, drawn from the generator in that order.</para>
/// <para>Parameter counts for 3×32×32 inputs and 10 classes: Conv-2 4,301,642; Conv-4 2,425,930;
/// Conv-6 2,262,602 (the paper's table rounds the first two to 4.3M and 2.4M and lists 1.7M for Conv-6,
/// which its stated architecture does not give). For 1×28×28 inputs the flattened size is computed from the
/// pooled feature map (14×14, 7×7, 3×3).</para>
/// </remarks>
public sealed class ConvNet : nn.Module<Tensor, Tensor>
{
    private static readonly long[] BlockWidths = [64, 128, 256];
    private readonly Conv2d[] convolutions;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>Builds the network with PyTorch's default initialization.</summary>
    /// <param name="blocks">The number of convolution blocks: 1 for Conv-2, 2 for Conv-4, 3 for Conv-6.</param>
    /// <param name="input">The shape of one sample (3×32×32 for CIFAR-10, 1×28×28 for MNIST-like data).</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="widthMultiplier">Scales every hidden width (filters 64/128/256 and units 256; rounded, at least 1); 1 for the paper's network.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one.</param>
    /// <exception cref="ArgumentException">The block count, shape, class count or width multiplier is invalid, or the images are too small.</exception>
    public ConvNet(int blocks, SampleShape input, int classes = 10, double widthMultiplier = 1.0, Generator? generator = null)
        : base(nameof(ConvNet))
    {
        if (blocks is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(
                nameof(blocks), blocks, $"The number of blocks is {blocks}; it must be 1 (Conv-2), 2 (Conv-4) or 3 (Conv-6).");
        }

        var name = "conv" + (2 * blocks);
        ModelInput.RequireValid(name, input, classes, widthMultiplier);
        Blocks = blocks;
        Input = input;
        Classes = classes;

        int h = input.Height, w = input.Width;
        long channels = input.Channels;
        convolutions = new Conv2d[2 * blocks];
        for (var b = 0; b < blocks; b++)
        {
            var width = ModelInput.Scale(BlockWidths[b], widthMultiplier);
            for (var j = 0; j < 2; j++)
            {
                var index = (2 * b) + j;
                convolutions[index] = nn.Conv2d(channels, width, 3, padding: 1);
                register_module("conv" + (index + 1), convolutions[index]);
                channels = width;
            }

            h = ModelInput.Pooled(name, h, "height");
            w = ModelInput.Pooled(name, w, "width");
        }

        FlattenedSize = channels * h * w;
        var units = ModelInput.Scale(256, widthMultiplier);
        fc1 = nn.Linear(FlattenedSize, units);
        fc2 = nn.Linear(units, units);
        fc3 = nn.Linear(units, classes);
        register_module(nameof(fc1), fc1);
        register_module(nameof(fc2), fc2);
        register_module(nameof(fc3), fc3);
        RegisterComponents();
        ModelInput.Initialize(this, generator);
    }

    /// <summary>The number of convolution blocks (1, 2 or 3).</summary>
    public int Blocks { get; }

    /// <summary>The registry name of this network: <c>conv2</c>, <c>conv4</c> or <c>conv6</c>.</summary>
    public string ZooName => "conv" + (2 * Blocks);

    /// <summary>The shape of one input sample.</summary>
    public SampleShape Input { get; }

    /// <summary>The number of output classes.</summary>
    public int Classes { get; }

    /// <summary>The number of features entering <c>fc1</c> (64·16·16 = 16,384 for Conv-2 on 32×32 inputs).</summary>
    public long FlattenedSize { get; }

    /// <summary>The convolutions <c>conv1</c>, <c>conv2</c>, … in order.</summary>
    public IReadOnlyList<Conv2d> Convolutions => convolutions;

    /// <summary>The first fully-connected layer.</summary>
    public Linear Fc1 => fc1;

    /// <summary>The second fully-connected layer.</summary>
    public Linear Fc2 => fc2;

    /// <summary>The output layer (logits).</summary>
    public Linear Fc3 => fc3;

    /// <summary>Computes the logits of a batch.</summary>
    /// <param name="input">A batch of shape [N, C, H, W] matching <see cref="Input"/>.</param>
    /// <returns>Logits of shape [N, classes], owned by the caller (and the innermost dispose scope).</returns>
    public override Tensor forward(Tensor input)
    {
        ModelInput.RequireBatch(ZooName, input, Input);
        var x = input;
        for (var i = 0; i < convolutions.Length; i++)
        {
            x = convolutions[i].call(x).relu();
            if (i % 2 == 1)
            {
                x = ModelInput.MaxPool2(x);
            }
        }

        x = x.flatten(1);
        x = fc1.call(x).relu();
        x = fc2.call(x).relu();
        return fc3.call(x);
    }
}
