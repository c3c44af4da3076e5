using LotteryTickets.Datasets;
using static TorchSharp.torch;

namespace LotteryTickets.Models;

/// <summary>
/// Frankle &amp; Carbin's networks by name: <c>lenet300_100</c> (<see cref="LeNet300100"/>),
/// <c>lenet5</c> (<see cref="LeNet5"/>), <c>conv2</c>, <c>conv4</c>, <c>conv6</c> (<see cref="ConvNet"/>);
/// and Su et al.'s networks for 32×32 images: <c>vgg11</c>, <c>vgg16</c>, <c>vgg19</c> (<see cref="Vgg"/>, with
/// batch norm) and <c>resnet20</c>, <c>resnet32</c>, <c>resnet56</c> (<see cref="ResNet"/>, residual: it
/// implements <see cref="IResidualNetwork"/>). Names are matched without regard to case.
/// </summary>
/// <remarks>
/// Every model names its layers <c>conv1</c>, <c>conv2</c>, … then <c>fc1</c>, <c>fc2</c>, <c>fc3</c>, so
/// parameters are <c>conv1.weight</c>, <c>fc3.bias</c>, …; <c>fc3</c> is always the output layer. The same
/// seed gives the same network: the weights are drawn from the given generator in parameter order.
/// The VGG and ResNet networks keep the parameter names of their PyTorch models instead (<c>features.0.weight</c>,
/// <c>classifier.weight</c>; <c>layer1.0.conv1.weight</c>, <c>fc.weight</c>), and the initialization of Su et al.'s
/// code (He-normal convolutions) rather than PyTorch's layer defaults; see <see cref="Vgg"/> and <see cref="ResNet"/>.
/// </remarks>
public static class ModelZoo
{
    /// <summary>The names of the models in the zoo, in the order of the paper.</summary>
    public static IReadOnlyList<string> Names { get; } = [LeNet300100.ZooName, LeNet5.ZooName, "conv2", "conv4", "conv6", "vgg11", "vgg16", "vgg19", "resnet20", "resnet32", "resnet56"];

    /// <summary>Whether <paramref name="name"/> is a model of the zoo.</summary>
    /// <param name="name">The name to look up.</param>
    /// <returns>True when <see cref="Create(string, SampleShape, int, Generator, double)"/> accepts the name.</returns>
    public static bool Contains(string name) => name is not null && Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the model <paramref name="name"/> initialized from <paramref name="generator"/> (PyTorch's layer defaults; the reference code's initialization for VGG and ResNet).</summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    /// <param name="input">The shape of one sample.</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one (the layers' own initialization).</param>
    /// <param name="widthMultiplier">Scales every hidden width (rounded, at least 1); 1 for the paper's networks.</param>
    /// <returns>A new model, owned by the caller (dispose it).</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names), or the other arguments are invalid.</exception>
    public static nn.Module<Tensor, Tensor> Create(string name, SampleShape input, int classes, Generator? generator, double widthMultiplier = 1.0)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            LeNet300100.ZooName => new LeNet300100(input, classes, widthMultiplier, generator),
            LeNet5.ZooName => new LeNet5(input, classes, widthMultiplier, generator),
            "conv2" => new ConvNet(1, input, classes, widthMultiplier, generator),
            "conv4" => new ConvNet(2, input, classes, widthMultiplier, generator),
            "conv6" => new ConvNet(3, input, classes, widthMultiplier, generator),
            "vgg11" => new Vgg(11, input, classes, widthMultiplier, generator),
            "vgg16" => new Vgg(16, input, classes, widthMultiplier, generator),
            "vgg19" => new Vgg(19, input, classes, widthMultiplier, generator),
            "resnet20" => new ResNet(20, input, classes, widthMultiplier, generator),
            "resnet32" => new ResNet(32, input, classes, widthMultiplier, generator),
            "resnet56" => new ResNet(56, input, classes, widthMultiplier, generator),
            _ => throw UnknownName(name),
        };
    }

    /// <summary>Builds the model <paramref name="name"/> initialized from a new generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    /// <param name="input">The shape of one sample.</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="seed">The seed of the initialization: the same seed gives the same weights.</param>
    /// <param name="widthMultiplier">Scales every hidden width (rounded, at least 1); 1 for the paper's networks.</param>
    /// <returns>A new model, owned by the caller (dispose it).</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names), or the other arguments are invalid.</exception>
    public static nn.Module<Tensor, Tensor> Create(string name, SampleShape input, int classes, ulong seed, double widthMultiplier = 1.0)
    {
        using var generator = new Generator(seed);
        return Create(name, input, classes, generator, widthMultiplier);
    }

    /// <summary>
    /// A factory for the model <paramref name="name"/>: each call builds a new model initialized from the generator
    /// it is given. The name and arguments are checked now, so a bad name fails here rather than at the first call.
    /// </summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    /// <param name="input">The shape of one sample.</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="widthMultiplier">Scales every hidden width (rounded, at least 1); 1 for the paper's networks.</param>
    /// <returns>A function from a generator to a new model owned by the caller.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names), or the other arguments are invalid.</exception>
    public static Func<Generator, nn.Module<Tensor, Tensor>> Factory(string name, SampleShape input, int classes, double widthMultiplier = 1.0)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Contains(name))
        {
            throw UnknownName(name);
        }

        ModelInput.RequireValid(name, input, classes, widthMultiplier);
        if (name.StartsWith("vgg", StringComparison.OrdinalIgnoreCase))
        {
            Vgg.RequireSupportedInput(name.ToLowerInvariant(), input);
        }

        return generator => Create(name, input, classes, generator, widthMultiplier);
    }

    private static ArgumentException UnknownName(string name) => new(
        $"The model '{name}' is not in the zoo. Known models: {string.Join(", ", Names.Select(n => $"'{n}'"))}. Check the spelling, or pass your own model factory.",
        nameof(name));
}
