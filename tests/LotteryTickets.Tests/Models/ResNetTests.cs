using LotteryTickets.Datasets;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Models;

public sealed class ResNetTests
{
    private static readonly SampleShape Cifar = new(3, 32, 32);

    private static long Count(nn.Module model) => model.parameters().Sum(p => p.shape.Aggregate(1L, (a, b) => a * b));

    private static string Describe(string name, Tensor t) => $"{name} [{string.Join(", ", t.shape)}]";

    [Test]
    public void ResNet20HasThePyTorchModelsParameterNamesAndShapesInOrder()
    {
        using var model = new ResNet(20, Cifar);
        var described = model.named_parameters().Select(p => Describe(p.name, p.parameter)).ToArray();
        Assert.That(described[..7], Is.EqualTo(new[]
        {
            "conv1.weight [16, 3, 3, 3]", "bn1.weight [16]", "bn1.bias [16]",
            "layer1.0.conv1.weight [16, 16, 3, 3]", "layer1.0.bn1.weight [16]", "layer1.0.bn1.bias [16]",
            "layer1.0.conv2.weight [16, 16, 3, 3]",
        }));

        // The first block of a stage that halves the map carries the projection after its own layers.
        var layer2 = described.Where(d => d.StartsWith("layer2.0.", StringComparison.Ordinal)).ToArray();
        Assert.That(layer2, Is.EqualTo(new[]
        {
            "layer2.0.conv1.weight [32, 16, 3, 3]", "layer2.0.bn1.weight [32]", "layer2.0.bn1.bias [32]",
            "layer2.0.conv2.weight [32, 32, 3, 3]", "layer2.0.bn2.weight [32]", "layer2.0.bn2.bias [32]",
            "layer2.0.downsample.0.weight [32, 16, 1, 1]", "layer2.0.downsample.1.weight [32]", "layer2.0.downsample.1.bias [32]",
        }));
        Assert.That(described.Count(d => d.Contains("downsample.0", StringComparison.Ordinal)), Is.EqualTo(2), "projections only at layer2.0 and layer3.0");
        Assert.That(described[^2..], Is.EqualTo(new[] { "fc.weight [10, 64]", "fc.bias [10]" }));
        Assert.That(model.Stages.Select(s => s.Count), Is.EqualTo(new[] { 3, 3, 3 }));
    }

    // He et al.'s CIFAR ResNet with option-B shortcuts, 10 classes (weights, BN scale and shift, fc):
    // ResNet-20: conv1 432 + BN 32; stage 1: 6 convs 16·16·9 = 13,824 + 6 BN 192; stage 2: 16·32·9 + 5·32·32·9 = 50,688
    //   + 6 BN 384 + projection 16·32 = 512 + BN 64; stage 3: 32·64·9 + 5·64·64·9 = 202,752 + 6 BN 768 + projection
    //   32·64 = 2,048 + BN 128; fc 64·10 + 10 = 650. Total 272,474 (the paper's 0.27M).
    // ResNet-32 and -56 add 2·(n − 3) blocks per stage (n = 5, 9): each 16-block 4,672, 32-block 18,560, 64-block 73,984:
    //   ResNet-32 272,474 + 2·97,216 = 466,906; ResNet-56 272,474 + 6·97,216 = 855,770 (the paper's 0.85M with option A, 853,018).
    [TestCase(20, 272_474L)]
    [TestCase(32, 466_906L)]
    [TestCase(56, 855_770L)]
    public void ParameterCountsMatchTheArchitecture(int depth, long expected)
    {
        using var model = ModelZoo.Create("resnet" + depth, Cifar, 10, seed: 1);
        Assert.That(Count(model), Is.EqualTo(expected));
        Assert.That(((ResNet)model).ResidualBlockCount, Is.EqualTo(3 * (depth - 2) / 6));
    }

    [Test]
    public void SuEtAlsDoubledResNet32HasTwiceTheWidths()
    {
        using var model = ModelZoo.Create("resnet32", Cifar, 100, seed: 1, widthMultiplier: 2);
        var first = model.named_parameters().First();
        Assert.That(Describe(first.name, first.parameter), Is.EqualTo("conv1.weight [32, 3, 3, 3]"));
        Assert.That(((ResNet)model).Fc.weight.shape, Is.EqualTo(new long[] { 100, 128 }));
    }

    [TestCase(3, 32, 32)]
    [TestCase(1, 28, 28)]
    [TestCase(3, 64, 64)]
    [TestCase(3, 32, 48)]
    public void ForwardGivesOneRowOfLogitsPerSample(int channels, int height, int width)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        using var model = new ResNet(20, new SampleShape(channels, height, width), 7, 0.125, generator);
        var logits = model.call(torch.randn([2, channels, height, width], generator: generator));
        Assert.That(logits.shape, Is.EqualTo(new long[] { 2, 7 }));
        Assert.That(logits.isfinite().all().ToBoolean(), Is.True);
    }

    [Test]
    public void EveryConvolutionIncludingTheProjectionsAndTheOutputLayerIsPrunableButNoBatchNorm()
    {
        using var model = new ResNet(20, Cifar, widthMultiplier: 0.125);
        var layers = PrunableParameters.Select(model);
        Assert.That(layers, Has.Count.EqualTo(1 + 18 + 2 + 1));
        Assert.That(layers.Where(l => l.Kind == LayerKind.Convolution).Count(), Is.EqualTo(21));
        Assert.That(layers.Select(l => l.Name), Has.None.Contains("bn"));
        Assert.That(layers.Select(l => l.Name), Has.None.Contains("downsample.1"));
        var names = layers.Select(l => l.Name).ToList();
        Assert.That(
            names.IndexOf("layer2.0.downsample.0.weight"), Is.EqualTo(names.IndexOf("layer2.0.conv2.weight") + 1),
            "the projection follows its block's convolutions, in PyTorch's module order");
        Assert.That(layers[^1].Name, Is.EqualTo("fc.weight"));
        Assert.That(layers[^1].IsOutput, Is.True);
        Assert.That(layers.Count(l => l.IsOutput), Is.EqualTo(1));
    }

    [Test]
    public void ResNetIsResidualAndTheOtherZooModelsAreNot()
    {
        using var resnet = ModelZoo.Create("resnet56", Cifar, 10, seed: 1, widthMultiplier: 0.125);
        Assert.That(resnet, Is.InstanceOf<IResidualNetwork>());
        Assert.That(((IResidualNetwork)resnet).ResidualBlockCount, Is.EqualTo(27));
        foreach (var name in new[] { "vgg11", "conv2", "lenet5" })
        {
            using var other = ModelZoo.Create(name, Cifar, 10, seed: 1, widthMultiplier: 0.125);
            Assert.That(other, Is.Not.InstanceOf<IResidualNetwork>(), name);
        }
    }

    [Test]
    public void InitializationIsHeNormalWithFanOutForConvolutionsAndSmallNormalForTheOutputLayer()
    {
        using var scope = NewDisposeScope();
        using var model = new ResNet(20, Cifar, generator: new Generator(11));
        var conv = model.Stages[2][1] is BasicBlock block ? block.Conv2.weight : throw new InvalidOperationException();
        Assert.That(conv.std().ToDouble(), Is.EqualTo(Math.Sqrt(2.0 / (64 * 9))).Within(3).Percent, "He-normal, fan-out 64·3·3");
        var projection = (Conv2d)model.Blocks[6].Downsample![0];
        Assert.That(projection.weight.std().ToDouble(), Is.EqualTo(Math.Sqrt(2.0 / 64)).Within(10).Percent, "He-normal, fan-out 64·1·1");
        Assert.That(model.Fc.weight.std().ToDouble(), Is.EqualTo(0.01).Within(15).Percent);
        Assert.That(model.Fc.bias!.abs().max().ToDouble(), Is.Zero);
        Assert.That(model.Bn1.weight!.eq(1).all().ToBoolean() && model.Bn1.bias!.eq(0).all().ToBoolean(), Is.True);
    }

    [Test]
    public void TheSameSeedGivesTheSameWeightsAndAnotherSeedDifferentOnes()
    {
        using var scope = NewDisposeScope();
        using var a = ModelZoo.Create("resnet20", Cifar, 10, seed: 42, widthMultiplier: 0.25);
        using var b = ModelZoo.Create("resnet20", Cifar, 10, seed: 42, widthMultiplier: 0.25);
        using var c = ModelZoo.Create("resnet20", Cifar, 10, seed: 43, widthMultiplier: 0.25);
        var pb = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var pc = c.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in a.named_parameters().Where(p => p.name.EndsWith("conv1.weight", StringComparison.Ordinal) || p.name == "fc.weight"))
        {
            Assert.That(p.IsSameAs(pb[name]), Is.True, $"{name} differs between two models of seed 42");
            Assert.That(p.IsSameAs(pc[name]), Is.False, $"{name} is the same for seeds 42 and 43");
        }
    }

    [Test]
    public void BatchNormStatisticsAreBuffersUpdatedInTrainingAndUsedInEvaluation()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        using var model = new ResNet(20, Cifar, 10, 0.125, generator);
        var buffers = model.named_buffers().Select(b => b.name).ToList();
        Assert.That(buffers, Has.Count.EqualTo(3 * (1 + 18 + 2)), "running_mean, running_var, num_batches_tracked per batch norm");
        Assert.That(buffers, Does.Contain("layer3.0.downsample.1.running_var"));
        Assert.That(model.named_parameters().Select(p => p.name), Has.None.Contains("running"));

        var batch = torch.randn([4, 3, 32, 32], generator: generator).mul(2).add(1);
        model.train();
        model.call(batch);
        Assert.That(model.Bn1.num_batches_tracked!.ToInt64(), Is.EqualTo(1));
        Assert.That(model.Bn1.running_mean!.abs().sum().ToDouble(), Is.GreaterThan(0));

        // In evaluation a sample's logits do not depend on the rest of its batch; in training they do.
        model.eval();
        var alone = model.call(batch.narrow(0, 0, 1));
        var together = model.call(batch).narrow(0, 0, 1);
        Assert.That(alone.allclose(together, 1e-4, 1e-6), Is.True);
        Assert.That(model.Bn1.num_batches_tracked!.ToInt64(), Is.EqualTo(1), "evaluation does not update the statistics");
        model.train();
        var trainAlone = model.call(batch.narrow(0, 0, 2)).narrow(0, 0, 1);
        var trainTogether = model.call(batch).narrow(0, 0, 1);
        Assert.That(trainAlone.allclose(trainTogether, 1e-4, 1e-6), Is.False);
    }

    [Test]
    public void ASmallResNet20TrainsOneSgdStepOnCpuAndLowersItsLoss()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);
        using var model = new ResNet(20, Cifar, 10, 0.125, generator);
        var images = torch.randn([8, 3, 32, 32], generator: generator);
        var labels = torch.randint(0, 10, [8], generator: generator);
        using var sgd = torch.optim.SGD(model.parameters(), 0.1);
        double Step()
        {
            using var stepScope = NewDisposeScope();
            sgd.zero_grad();
            var loss = torch.nn.functional.cross_entropy(model.call(images), labels);
            loss.backward();
            sgd.step();
            return loss.ToDouble();
        }

        var before = model.Fc.weight.clone();
        var first = Step();
        var second = Step();
        Assert.That(model.Fc.weight.IsSameAs(before), Is.False, "the step changed the weights");
        Assert.That(second, Is.LessThan(first), "one step on the same batch lowers its loss");
    }

    [Test]
    public void InvalidDepthsAndWidthsAreRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ResNet(21, Cifar));
        Assert.That(e!.Message, Does.StartWith(
            "The depth of 'resnet' is 21; it must be 6n + 2 for some n ≥ 1 (8, 14, 20, 32, 44, 56, 110, …). Use 'resnet20', 'resnet32' or 'resnet56' from the zoo."));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResNet(2, Cifar));
        var w = Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Create("resnet20", Cifar, 10, seed: 1, widthMultiplier: 0));
        Assert.That(w!.Message, Does.StartWith(
            "The width multiplier of 'resnet20' is 0; it must be a finite number greater than 0. Use 1 for the paper's widths."));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Factory("resnet56", Cifar, 0));
    }

    [Test]
    public void ABatchOfTheWrongShapeIsRejectedWithTheExpectedShape()
    {
        using var scope = NewDisposeScope();
        using var model = ModelZoo.Create("resnet20", Cifar, 10, seed: 1, widthMultiplier: 0.125);
        var e = Assert.Throws<ArgumentException>(() => model.call(torch.zeros([2, 3, 28, 28])));
        Assert.That(e!.Message, Does.StartWith("The input of 'resnet20' has shape [2, 3, 28, 28], but the model was built for batches of 3×32×32 samples"));
    }
}
