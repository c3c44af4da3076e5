using LotteryTickets.Datasets;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Models;

/// <summary>
/// Frankle &amp; Carbin's fully-connected LeNet-300-100: the input flattened, then
/// <c>fc1</c> (→ 300, ReLU), <c>fc2</c> (→ 100, ReLU), <c>fc3</c> (→ classes, the output layer, logits).
/// For 1×28×28 images and 10 classes it has 266,610 parameters.
/// </summary>
/// <remarks>
/// Parameters, in order: <c>fc1.weight</c>, <c>fc1.bias</c>, <c>fc2.weight</c>, <c>fc2.bias</c>,
/// <c>fc3.weight</c>, <c>fc3.bias</c>. They are initialized as PyTorch's <c>nn.Linear</c> defaults, drawn
/// from the generator in that order, so <c>torch.manual_seed(s)</c> followed by building
/// <c>nn.Linear(784, 300)</c>, <c>nn.Linear(300, 100)</c>, <c>nn.Linear(100, 10)</c> gives the same
/// weights as this model built from <c>new torch.Generator(s)</c>.
/// </remarks>
public sealed class LeNet300100 : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>The registry name of this model.</summary>
    public const string ZooName = "lenet300_100";

    /// <summary>Builds the network with PyTorch's default initialization.</summary>
    /// <param name="input">The shape of one sample (1×28×28 for MNIST-like data); flattened inside.</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="widthMultiplier">Scales the hidden widths 300 and 100 (rounded, at least 1); 1 for the paper's network.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one.</param>
    /// <exception cref="ArgumentException">The shape, class count or width multiplier is invalid.</exception>
    public LeNet300100(SampleShape input, int classes = 10, double widthMultiplier = 1.0, Generator? generator = null)
        : base(nameof(LeNet300100))
    {
        ModelInput.RequireValid(ZooName, input, classes, widthMultiplier);
        Input = input;
        Classes = classes;
        var h1 = ModelInput.Scale(300, widthMultiplier);
        var h2 = ModelInput.Scale(100, widthMultiplier);
        fc1 = nn.Linear(input.Size, h1);
        fc2 = nn.Linear(h1, h2);
        fc3 = nn.Linear(h2, classes);
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

    /// <summary>The first hidden layer (300 units at width 1).</summary>
    public Linear Fc1 => fc1;

    /// <summary>The second hidden layer (100 units at width 1).</summary>
    public Linear Fc2 => fc2;

    /// <summary>The output layer (logits).</summary>
    public Linear Fc3 => fc3;

    /// <summary>Computes the logits of a batch.</summary>
    /// <param name="input">A batch of shape [N, C, H, W] matching <see cref="Input"/>.</param>
    /// <returns>Logits of shape [N, classes], owned by the caller (and the innermost dispose scope).</returns>
    public override Tensor forward(Tensor input)
    {
        ModelInput.RequireBatch(ZooName, input, Input);
        var x = input.flatten(1);
        x = fc1.call(x).relu();
        x = fc2.call(x).relu();
        return fc3.call(x);
    }
}
