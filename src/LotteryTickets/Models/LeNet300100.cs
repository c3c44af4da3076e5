using LotteryTickets.Datasets;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

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
/// weights as this model built from <c>new Generator(s)</c>.
/// </remarks>
public sealed class LeNet300100 : Module
{
    /// <summary>The registry name of this model.</summary>
    public const string ZooName = "lenet300_100";

    /// <summary>Builds the network with PyTorch's default initialization.</summary>
    /// <param name="input">The shape of one sample (1×28×28 for MNIST-like data); flattened inside.</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="widthMultiplier">Scales the hidden widths 300 and 100 (rounded, at least 1); 1 for the paper's network.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one.</param>
    /// <exception cref="ArgumentException">The shape, class count or width multiplier is invalid.</exception>
    public LeNet300100(SampleShape input, int classes = 10, double widthMultiplier = 1.0, Generator? generator = null)
    {
        ModelInput.RequireValid(ZooName, input, classes, widthMultiplier);
        Input = input;
        Classes = classes;
        var h1 = ModelInput.Scale(300, widthMultiplier);
        var h2 = ModelInput.Scale(100, widthMultiplier);
        Fc1 = RegisterModule("fc1", new Linear(input.Size, h1, generator: generator));
        Fc2 = RegisterModule("fc2", new Linear(h1, h2, generator: generator));
        Fc3 = RegisterModule("fc3", new Linear(h2, classes, generator: generator));
    }

    /// <summary>The shape of one input sample.</summary>
    public SampleShape Input { get; }

    /// <summary>The number of output classes.</summary>
    public int Classes { get; }

    /// <summary>The first hidden layer (300 units at width 1).</summary>
    public Linear Fc1 { get; }

    /// <summary>The second hidden layer (100 units at width 1).</summary>
    public Linear Fc2 { get; }

    /// <summary>The output layer (logits).</summary>
    public Linear Fc3 { get; }

    /// <summary>Computes the logits of a batch.</summary>
    /// <param name="input">A batch of shape [N, C, H, W] matching <see cref="Input"/>.</param>
    /// <returns>Logits of shape [N, classes], owned by the caller (and the innermost <see cref="DisposeScope"/>).</returns>
    public override Tensor Forward(Tensor input)
    {
        ModelInput.RequireBatch(ZooName, input, Input);
        var x = input.Flatten(1);
        x = Fc1.Forward(x).Relu();
        x = Fc2.Forward(x).Relu();
        return Fc3.Forward(x);
    }
}
