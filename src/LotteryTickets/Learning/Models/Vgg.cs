using LotteryTickets.Datasets;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.init;

namespace LotteryTickets.Models;

/// <summary>
/// VGG with batch normalization for small images, as Su et al. (and Liu et al.'s "Rethinking the value
/// of network pruning", whose CIFAR code they build on) use it: Simonyan &amp; Zisserman's configurations
/// A (VGG-11), B (VGG-13), D (VGG-16) and E (VGG-19) of 3×3 convolutions (padding 1, with bias), each
/// followed by batch norm and ReLU, with a 2×2 max pool after each of the first four groups but none after
/// the last; then an average pool over the whole remaining map (2×2 for 32×32 inputs) and a single
/// linear classifier from the last width (512) to the classes.
/// </summary>
/// <remarks>
/// <para>Parameter names are those of PyTorch's <c>nn.Sequential</c> <c>features</c> followed by
/// <c>classifier</c>, so checkpoints of the PyTorch model load as they are: for VGG-11
/// <c>features.0</c> is the first convolution, <c>features.1</c> its batch norm (with buffers
/// <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>), <c>features.2</c> the ReLU,
/// <c>features.3</c> the first pool, <c>features.4</c> the second convolution, …; the output layer is
/// <c>classifier</c>. Prunable layers (<see cref="Masks.PrunableParameters"/>): every convolution weight and
/// <c>classifier.weight</c> (the output layer); batch-norm parameters and biases are not pruned.</para>
/// <para>Initialization as the reference code: convolution weights He-normal N(0, 2/(9·in)) (fan-in, ReLU
/// gain), convolution biases 0, batch-norm scales 1 and shifts 0, classifier weights N(0, 0.01²), classifier
/// bias 0. The layers are first built with PyTorch's defaults from the generator (in parameter order), then
/// re-initialized from it in the same order, as the PyTorch model does after <c>torch.manual_seed</c>.</para>
/// <para>Parameter counts for 3×32×32 inputs and 10 classes: VGG-11 9,231,114; VGG-13 9,416,010;
/// VGG-16 14,728,266; VGG-19 20,040,522 (about 20.0M, as Su et al.'s VGG-19).</para>
/// <para>Height and width must be multiples of 16, so that each of the four pools halves the map exactly:
/// 32×32 (CIFAR) leaves 2×2 before the average pool, 64×64 (Tiny ImageNet) 4×4. Any channel count is accepted.</para>
/// </remarks>
public sealed class Vgg : nn.Module<Tensor, Tensor>
{
    private const int Pool = 0;

    private static readonly Dictionary<int, int[]> Configurations = new()
    {
        [11] = [64, Pool, 128, Pool, 256, 256, Pool, 512, 512, Pool, 512, 512],
        [13] = [64, 64, Pool, 128, 128, Pool, 256, 256, Pool, 512, 512, Pool, 512, 512],
        [16] = [64, 64, Pool, 128, 128, Pool, 256, 256, 256, Pool, 512, 512, 512, Pool, 512, 512, 512],
        [19] = [64, 64, Pool, 128, 128, Pool, 256, 256, 256, 256, Pool, 512, 512, 512, 512, Pool, 512, 512, 512, 512],
    };

    private readonly List<Conv2d> convolutions = [];
    private readonly List<BatchNorm2d> norms = [];
    private readonly Sequential features;
    private readonly Linear classifier;

    /// <summary>Builds the network with the reference initialization (see the remarks).</summary>
    /// <param name="depth">The number of weight layers: 11, 13, 16 or 19.</param>
    /// <param name="input">The shape of one sample; height and width must be multiples of 16 (3×32×32 for CIFAR-10).</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="widthMultiplier">Scales every convolution width (64 … 512; rounded, at least 1); 1 for the paper's network.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one.</param>
    /// <exception cref="ArgumentException">The depth, shape, class count or width multiplier is invalid, or the height or width is not a multiple of 16.</exception>
    public Vgg(int depth, SampleShape input, int classes = 10, double widthMultiplier = 1.0, Generator? generator = null)
        : base(nameof(Vgg))
    {
        if (!Configurations.TryGetValue(depth, out var configuration))
        {
            throw new ArgumentOutOfRangeException(
                nameof(depth), depth, $"The depth of 'vgg' is {depth}; it must be 11, 13, 16 or 19 (configurations A, B, D and E). Use 'vgg11', 'vgg16' or 'vgg19' from the zoo.");
        }

        var name = "vgg" + depth;
        ModelInput.RequireValid(name, input, classes, widthMultiplier);
        RequireSupportedInput(name, input);

        Depth = depth;
        Input = input;
        Classes = classes;
        features = nn.Sequential();
        long channels = input.Channels;
        foreach (var width in configuration)
        {
            if (width == Pool)
            {
                features.append(nn.MaxPool2d(2, 2));
                continue;
            }

            var scaled = ModelInput.Scale(width, widthMultiplier);
            var conv = nn.Conv2d(channels, scaled, 3, padding: 1);
            var norm = nn.BatchNorm2d(scaled);
            features.append(conv).append(norm).append(nn.ReLU());
            convolutions.Add(conv);
            norms.Add(norm);
            channels = scaled;
        }

        classifier = nn.Linear(channels, classes);
        register_module(nameof(features), features);
        register_module(nameof(classifier), classifier);
        RegisterComponents();
        ModelInput.Initialize(this, generator);
        ReferenceInitialization.Apply(this, FanInOut.FanIn, generator);
    }

    /// <summary>The number of weight layers (11, 13, 16 or 19).</summary>
    public int Depth { get; }

    /// <summary>The registry name of this network: <c>vgg11</c>, <c>vgg13</c>, <c>vgg16</c> or <c>vgg19</c>.</summary>
    public string ZooName => "vgg" + Depth;

    /// <summary>The shape of one input sample.</summary>
    public SampleShape Input { get; }

    /// <summary>The number of output classes.</summary>
    public int Classes { get; }

    /// <summary>The feature extractor: convolution, batch norm, ReLU, … and the max pools, named <c>features.0</c>, <c>features.1</c>, ….</summary>
    public Sequential Features => features;

    /// <summary>The convolutions of <see cref="Features"/>, in order.</summary>
    public IReadOnlyList<Conv2d> Convolutions => convolutions;

    /// <summary>The batch norms of <see cref="Features"/>, one after each convolution, in order.</summary>
    public IReadOnlyList<BatchNorm2d> BatchNorms => norms;

    /// <summary>The output layer (logits), from the last width (512 at width 1) to the classes.</summary>
    public Linear Classifier => classifier;

    /// <summary>Throws unless the height and width of <paramref name="input"/> are multiples of 16.</summary>
    internal static void RequireSupportedInput(string name, SampleShape input)
    {
        if (input.Height % 16 != 0 || input.Width % 16 != 0)
        {
            throw new ArgumentException(
                $"The input of '{name}' is {input}, but VGG halves the height and width four times and needs both to be multiples of 16 (32×32 for CIFAR, 64×64 for Tiny ImageNet). Pad or resize the images, e.g. 28×28 to 32×32.",
                nameof(input));
        }
    }

    /// <summary>Computes the logits of a batch (batch norm uses batch statistics in training mode and the running ones after <c>eval()</c>).</summary>
    /// <param name="input">A batch of shape [N, C, H, W] matching <see cref="Input"/>.</param>
    /// <returns>Logits of shape [N, classes], owned by the caller (and the innermost dispose scope).</returns>
    public override Tensor forward(Tensor input)
    {
        ModelInput.RequireBatch(ZooName, input, Input);
        return classifier.call(ModelInput.GlobalAveragePool(features.call(input)));
    }
}
