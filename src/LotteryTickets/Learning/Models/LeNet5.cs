using LotteryTickets.Datasets;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Models;

/// <summary>
/// LeNet-5: <c>conv1</c> (6 filters 5×5, padding 2, ReLU) → 2×2 max pool → <c>conv2</c> (16 filters 5×5,
/// ReLU) → 2×2 max pool → flatten → <c>fc1</c> (→ 120, ReLU) → <c>fc2</c> (→ 84, ReLU) → <c>fc3</c>
/// (→ classes, the output layer). For 1×28×28 images and 10 classes it has 61,706 parameters.
/// </summary>
/// <remarks>
/// Parameters, in order: <c>conv1.weight</c>, <c>conv1.bias</c>, <c>conv2.weight</c>, <c>conv2.bias</c>,
/// <c>fc1.weight</c>, <c>fc1.bias</c>, <c>fc2.weight</c>, <c>fc2.bias</c>, <c>fc3.weight</c>, <c>fc3.bias</c>,
/// initialized as PyTorch's layer defaults, drawn from the generator in that order. The flattened size
/// is computed from the input shape (16×5×5 for 28×28, 16×6×6 for 32×32).
/// </remarks>
public sealed class LeNet5 : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>The registry name of this model.</summary>
    public const string ZooName = "lenet5";

    /// <summary>Builds the network with PyTorch's default initialization.</summary>
    /// <param name="input">The shape of one sample (1×28×28, 3×32×32, …).</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="widthMultiplier">Scales every hidden width (6, 16, 120, 84; rounded, at least 1); 1 for the standard network.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one.</param>
    /// <exception cref="ArgumentException">The shape, class count or width multiplier is invalid, or the images are too small.</exception>
    public LeNet5(SampleShape input, int classes = 10, double widthMultiplier = 1.0, Generator? generator = null)
        : base(nameof(LeNet5))
    {
        ModelInput.RequireValid(ZooName, input, classes, widthMultiplier);
        Input = input;
        Classes = classes;
        var c1 = ModelInput.Scale(6, widthMultiplier);
        var c2 = ModelInput.Scale(16, widthMultiplier);
        var f1 = ModelInput.Scale(120, widthMultiplier);
        var f2 = ModelInput.Scale(84, widthMultiplier);

        // conv1 keeps the size (padding 2), conv2 (5×5, no padding) removes 4; each pool halves it.
        var h = ModelInput.Pooled(ZooName, input.Height, "height");
        var w = ModelInput.Pooled(ZooName, input.Width, "width");
        if (h < 5 || w < 5)
        {
            throw new ArgumentException(
                $"The input of '{ZooName}' is too small: {input} leaves {h}×{w} before the 5×5 convolution 'conv2'. Use images of at least 10×10 (28×28 or 32×32).",
                nameof(input));
        }

        h = ModelInput.Pooled(ZooName, h - 4, "height");
        w = ModelInput.Pooled(ZooName, w - 4, "width");
        FlattenedSize = c2 * h * w;

        conv1 = nn.Conv2d(input.Channels, c1, 5, padding: 2);
        conv2 = nn.Conv2d(c1, c2, 5);
        fc1 = nn.Linear(FlattenedSize, f1);
        fc2 = nn.Linear(f1, f2);
        fc3 = nn.Linear(f2, classes);
        register_module(nameof(conv1), conv1);
        register_module(nameof(conv2), conv2);
        register_module(nameof(fc1), fc1);
        register_module(nameof(fc2), fc2);
        register_module(nameof(fc3), fc3);
        RegisterComponents();
        ModelInput.Initialize(this, generator);
    }

    /// <summary>The shape of one input sample.</summary>
    public SampleShape Input { get; }

    /// <summary>The number of output classes.</summary>
    public int Classes { get; }

    /// <summary>The number of features entering <c>fc1</c> (16·5·5 = 400 for 28×28 inputs at width 1).</summary>
    public long FlattenedSize { get; }

    /// <summary>The first convolution.</summary>
    public Conv2d Conv1 => conv1;

    /// <summary>The second convolution.</summary>
    public Conv2d Conv2 => conv2;

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
        var x = ModelInput.MaxPool2(conv1.call(input).relu());
        x = ModelInput.MaxPool2(conv2.call(x).relu());
        x = x.flatten(1);
        x = fc1.call(x).relu();
        x = fc2.call(x).relu();
        return fc3.call(x);
    }
}
