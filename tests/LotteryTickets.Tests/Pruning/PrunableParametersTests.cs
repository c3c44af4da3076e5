using LotteryTickets.Pruning;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;
using static LotteryTickets.Tests.Support.Layers;

namespace LotteryTickets.Tests.Pruning;

public class PrunableParametersTests
{
    private static Sequential ConvNet(Generator g) => new(
        new Conv2d(1, 4, 3, generator: g),
        new BatchNorm2d(4),
        new ReLU(),
        new Flatten(),
        new Linear(4 * 6 * 6, 8, generator: g),
        new ReLU(),
        new Linear(8, 3, generator: g));

    [Test]
    public void LinearAndConvWeightsArePrunableButNotBiasesOrNorms()
    {
        using var g = new Generator(0);
        using var model = ConvNet(g);

        var layers = PrunableParameters.Select(model);

        Assert.That(layers.Select(l => l.Name), Is.EqualTo(new[] { "0.weight", "4.weight", "6.weight" }));
        Assert.That(layers.Select(l => l.Kind), Is.EqualTo(new[] { LayerKind.Convolution, LayerKind.Linear, LayerKind.Linear }));
        Assert.That(layers.Select(l => l.IsOutput), Is.EqualTo(new[] { false, false, true }));
        Assert.That(layers[0].Shape, Is.EqualTo(new long[] { 4, 1, 3, 3 }));
    }

    [Test]
    public void WeightsCanBeIgnoredByNameOrByPredicate()
    {
        using var g = new Generator(0);
        using var model = ConvNet(g);

        var layers = PrunableParameters.Select(model, new PrunableParameterOptions
        {
            Ignore = ["0.weight"],
            IgnoreWhere = (name, module) => module is Linear { OutFeatures: 3 },
        });

        Assert.That(layers.Select(l => l.Name), Is.EqualTo(new[] { "4.weight" }));
        Assert.That(layers[0].IsOutput, Is.False, "an ignored output layer leaves no layer marked as output");
    }

    [Test]
    public void IgnoringAnUnknownNameIsRejectedListingThePrunableWeights()
    {
        using var g = new Generator(0);
        using var model = ConvNet(g);

        var e = Assert.Throws<ArgumentException>(() =>
            PrunableParameters.Select(model, new PrunableParameterOptions { Ignore = ["4.bias", "fc.weight"] }))!;

        Assert.That(e.Message, Does.StartWith(
            "The 'PrunableParameterOptions' are invalid." + Environment.NewLine +
            "- The ignored parameter '4.bias' is not a prunable weight of the model; the prunable weights are '0.weight', '4.weight', '6.weight'. Remove it from 'Ignore'." + Environment.NewLine +
            "- The ignored parameter 'fc.weight' is not a prunable weight of the model;"));
    }

    [Test]
    public void PlainTensorsOfRankTwoOrMoreArePrunableAndTheLastIsTheOutput()
    {
        using var scope = DisposeScope.Begin();
        var tensors = new Dictionary<string, Tensor>
        {
            ["conv.weight"] = Tensor.Zeros([2, 1, 3, 3]),
            ["conv.bias"] = Tensor.Zeros([2]),
            ["fc.weight"] = Tensor.Zeros([3, 4]),
            ["fc.bias"] = Tensor.Zeros([3]),
        };

        var layers = PrunableParameters.FromTensors(tensors);

        Assert.That(layers.Select(l => l.Name), Is.EqualTo(new[] { "conv.weight", "fc.weight" }));
        Assert.That(layers.Select(l => l.Kind), Is.All.EqualTo(LayerKind.Other));
        Assert.That(layers.Select(l => l.IsOutput), Is.EqualTo(new[] { false, true }));
        Assert.That(PrunableParameters.FromTensors(tensors, ["fc.weight"]).Single().IsOutput, Is.True);
        Assert.Throws<ArgumentException>(() => PrunableParameters.FromTensors(tensors, ["fc.bias"]));
    }
}
