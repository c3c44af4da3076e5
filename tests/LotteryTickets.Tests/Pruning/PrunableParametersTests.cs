using LotteryTickets.Pruning;
using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;
using LotteryTickets.Masks;

namespace LotteryTickets.Tests.Pruning;

public class PrunableParametersTests
{
    private static Sequential ConvNet() => nn.Sequential(
        nn.Conv2d(1, 4, 3),
        nn.BatchNorm2d(4),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(4 * 6 * 6, 8),
        nn.ReLU(),
        nn.Linear(8, 3));

    /// <summary>A module that is itself a layer and holds others under nested names, registered out of order.</summary>
    private sealed class Nested : nn.Module<Tensor, Tensor>
    {
        private readonly Sequential body = nn.Sequential(("inner", nn.Sequential(("conv", nn.Conv2d(1, 2, 3)), ("norm", nn.BatchNorm2d(2)))), ("flat", nn.Flatten()));
        private readonly Linear head = nn.Linear(8, 3);
        private readonly Linear stem = nn.Linear(4, 4);

        public Nested()
            : base(nameof(Nested))
        {
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => head.call(body.call(input));
    }

    [Test]
    public void LinearAndConvWeightsArePrunableButNotBiasesOrNorms()
    {
        using var model = ConvNet();

        var layers = PrunableParameters.Select(model);

        Assert.That(layers.Select(l => l.Name), Is.EqualTo(new[] { "0.weight", "4.weight", "6.weight" }));
        Assert.That(layers.Select(l => l.Kind), Is.EqualTo(new[] { LayerKind.Convolution, LayerKind.Linear, LayerKind.Linear }));
        Assert.That(layers.Select(l => l.IsOutput), Is.EqualTo(new[] { false, false, true }));
        Assert.That(layers[0].Shape, Is.EqualTo(new long[] { 4, 1, 3, 3 }));
    }

    [Test]
    public void WeightsCanBeIgnoredByNameOrByPredicate()
    {
        using var model = ConvNet();

        var layers = PrunableParameters.Select(model, new PrunableParameterOptions
        {
            Ignore = ["0.weight"],
            IgnoreWhere = (name, module) => module is Linear { out_features: 3 },
        });

        Assert.That(layers.Select(l => l.Name), Is.EqualTo(new[] { "4.weight" }));
        Assert.That(layers[0].IsOutput, Is.False, "an ignored output layer leaves no layer marked as output");
    }

    [Test]
    public void IgnoringAnUnknownNameIsRejectedListingThePrunableWeights()
    {
        using var model = ConvNet();

        var e = Assert.Throws<ArgumentException>(() =>
            PrunableParameters.Select(model, new PrunableParameterOptions { Ignore = ["4.bias", "fc.weight"] }))!;

        Assert.That(e.Message, Does.StartWith(
            "The 'PrunableParameterOptions' are invalid." + Environment.NewLine +
            "- The ignored parameter '4.bias' is not a prunable weight of the model; the prunable weights are '0.weight', '4.weight', '6.weight'. Remove it from 'Ignore'." + Environment.NewLine +
            "- The ignored parameter 'fc.weight' is not a prunable weight of the model;"));
    }

    [Test]
    public void NestedLayersAreFoundUnderTheirParameterNamesInParameterOrder()
    {
        using var model = new Nested();

        var layers = PrunableParameters.Select(model);

        Assert.That(layers.Select(l => l.Name), Is.EqualTo(model.named_parameters().Select(p => p.name).Where(n => n.EndsWith(".weight", StringComparison.Ordinal) && !n.Contains("norm", StringComparison.Ordinal))));
        Assert.That(layers.Select(l => l.Name), Is.EqualTo(new[] { "body.inner.conv.weight", "head.weight", "stem.weight" }));
        Assert.That(layers.Select(l => l.IsOutput), Is.EqualTo(new[] { false, false, true }), "the output layer is the last in parameter order");
    }

    [Test]
    public void AModelThatIsItselfALinearLayerHasOnePrunableWeight()
    {
        using var model = nn.Linear(3, 2);

        var layers = PrunableParameters.Select(model);

        Assert.That(layers.Select(l => (l.Name, l.Kind, l.IsOutput)), Is.EqualTo(new[] { ("weight", LayerKind.Linear, true) }));
    }

    [Test]
    public void PlainTensorsOfRankTwoOrMoreArePrunableAndTheLastIsTheOutput()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["conv.weight"] = zeros(2, 1, 3, 3),
            ["conv.bias"] = zeros(2),
            ["fc.weight"] = zeros(3, 4),
            ["fc.bias"] = zeros(3),
        };

        var layers = PrunableParameters.FromTensors(tensors);

        Assert.That(layers.Select(l => l.Name), Is.EqualTo(new[] { "conv.weight", "fc.weight" }));
        Assert.That(layers.Select(l => l.Kind), Is.All.EqualTo(LayerKind.Other));
        Assert.That(layers.Select(l => l.IsOutput), Is.EqualTo(new[] { false, true }));
        Assert.That(PrunableParameters.FromTensors(tensors, ["fc.weight"]).Single().IsOutput, Is.True);
        Assert.Throws<ArgumentException>(() => PrunableParameters.FromTensors(tensors, ["fc.bias"]));
    }
}
