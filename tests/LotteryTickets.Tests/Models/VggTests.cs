using LotteryTickets.Datasets;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Models;

public sealed class VggTests
{
    private static readonly SampleShape Cifar = new(3, 32, 32);

    private static long Count(nn.Module model) => model.parameters().Sum(p => p.shape.Aggregate(1L, (a, b) => a * b));

    [Test]
    public void Vgg11HasThePyTorchModelsParameterNamesAndShapesWithOneClassifierLayer()
    {
        using var model = new Vgg(11, Cifar);
        var described = model.named_parameters().Select(p => $"{p.name} [{string.Join(", ", p.parameter.shape)}]").ToArray();

        // features: conv, batch norm, ReLU (, pool) per layer, so the second convolution is features.4 (after pool 3).
        Assert.That(described[..6], Is.EqualTo(new[]
        {
            "features.0.weight [64, 3, 3, 3]", "features.0.bias [64]", "features.1.weight [64]", "features.1.bias [64]",
            "features.4.weight [128, 64, 3, 3]", "features.4.bias [128]",
        }));
        Assert.That(described[^6..], Is.EqualTo(new[]
        {
            "features.25.weight [512, 512, 3, 3]", "features.25.bias [512]", "features.26.weight [512]", "features.26.bias [512]",
            "classifier.weight [10, 512]", "classifier.bias [10]",
        }));
        Assert.That(model.Convolutions, Has.Count.EqualTo(8));
        Assert.That(model.Features.children().OfType<MaxPool2d>().Count(), Is.EqualTo(4), "no pool after the last group");
    }

    // Convolutions with bias, batch norm (scale and shift), one Linear(512, 10):
    // VGG-19: 3·64·9+64 = 1,792; 64·64·9+64 = 36,928; 64·128·9+128 = 73,856; 128·128·9+128 = 147,584; 128·256·9+256 = 295,168;
    //   3 × (256·256·9+256) = 1,770,240; 256·512·9+512 = 1,180,160; 7 × (512·512·9+512) = 16,518,656;
    //   batch norm 2·(2·64 + 2·128 + 4·256 + 8·512) = 11,008; classifier 5,130. Total 20,040,522 (Su et al.'s 20.0M).
    // VGG-16: 1,792 + 36,928 + 73,856 + 147,584 + 295,168 + 2·590,080 + 1,180,160 + 5·2,359,808 + BN 2·(128 + 256 + 768 + 3,072)
    //   + 5,130 = 14,728,266. VGG-11: 1,792 + 73,856 + 295,168 + 590,080 + 1,180,160 + 3·2,359,808 + BN 2·(64 + 128 + 512 + 2,048)
    //   + 5,130 = 9,231,114.
    [TestCase("vgg11", 9_231_114L)]
    [TestCase("vgg16", 14_728_266L)]
    [TestCase("vgg19", 20_040_522L)]
    public void ParameterCountsMatchTheArchitecture(string name, long expected)
    {
        using var model = ModelZoo.Create(name, Cifar, 10, seed: 1);
        Assert.That(Count(model), Is.EqualTo(expected));
    }

    [TestCase(3, 32, 32)]
    [TestCase(1, 32, 32)]
    [TestCase(3, 64, 64)]
    [TestCase(3, 32, 48)]
    public void ForwardGivesOneRowOfLogitsPerSample(int channels, int height, int width)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        using var model = new Vgg(16, new SampleShape(channels, height, width), 7, 0.125, generator);
        var logits = model.call(torch.randn([2, channels, height, width], generator: generator));
        Assert.That(logits.shape, Is.EqualTo(new long[] { 2, 7 }));
        Assert.That(logits.isfinite().all().ToBoolean(), Is.True);
    }

    [Test]
    public void ConvolutionsAndTheClassifierArePrunableButNoBatchNorm()
    {
        using var model = new Vgg(19, Cifar, widthMultiplier: 0.125);
        var layers = PrunableParameters.Select(model);
        Assert.That(layers, Has.Count.EqualTo(17));
        Assert.That(layers.Take(16).All(l => l.Kind == LayerKind.Convolution && !l.IsOutput), Is.True);
        Assert.That(layers[^1].Name, Is.EqualTo("classifier.weight"));
        Assert.That(layers[^1].Kind, Is.EqualTo(LayerKind.Linear));
        Assert.That(layers[^1].IsOutput, Is.True);
        var norms = model.BatchNorms.Select(b => b.weight!).ToList();
        Assert.That(norms, Has.Count.EqualTo(16));
        Assert.That(layers.Select(l => l.Shape.Length), Has.All.GreaterThanOrEqualTo(2), "only weight matrices and filters, no BN vectors");
    }

    [Test]
    public void InitializationIsHeNormalWithFanInAndZeroBiases()
    {
        using var scope = NewDisposeScope();
        using var model = new Vgg(11, Cifar, generator: new Generator(11));
        var conv = model.Convolutions[4];
        Assert.That(conv.weight.std().ToDouble(), Is.EqualTo(Math.Sqrt(2.0 / (256 * 9))).Within(3).Percent, "He-normal, fan-in 256·3·3");
        Assert.That(conv.bias!.abs().max().ToDouble(), Is.Zero);
        Assert.That(model.Classifier.weight.std().ToDouble(), Is.EqualTo(0.01).Within(5).Percent);
        Assert.That(model.Classifier.bias!.abs().max().ToDouble(), Is.Zero);
    }

    [Test]
    public void TheSameSeedGivesTheSameWeightsAndAnotherSeedDifferentOnes()
    {
        using var scope = NewDisposeScope();
        using var a = ModelZoo.Create("vgg11", Cifar, 10, seed: 42, widthMultiplier: 0.125);
        using var b = ModelZoo.Create("vgg11", Cifar, 10, seed: 42, widthMultiplier: 0.125);
        using var c = ModelZoo.Create("vgg11", Cifar, 10, seed: 43, widthMultiplier: 0.125);
        var pb = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var pc = c.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in a.named_parameters().Where(p => p.parameter.dim() >= 2))
        {
            Assert.That(p.IsSameAs(pb[name]), Is.True, $"{name} differs between two models of seed 42");
            Assert.That(p.IsSameAs(pc[name]), Is.False, $"{name} is the same for seeds 42 and 43");
        }
    }

    [Test]
    public void BatchNormStatisticsAreBuffersUpdatedOnlyInTraining()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        using var model = new Vgg(11, Cifar, 10, 0.125, generator);
        Assert.That(model.named_buffers().Select(b => b.name), Is.SupersetOf(new[] { "features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked" }));
        Assert.That(model.named_buffers().Count(), Is.EqualTo(3 * 8));
        var batch = torch.randn([4, 3, 32, 32], generator: generator).add(1);
        model.eval();
        model.call(batch);
        Assert.That(model.BatchNorms[0].running_mean!.abs().sum().ToDouble(), Is.Zero);
        model.train();
        model.call(batch);
        Assert.That(model.BatchNorms[0].running_mean!.abs().sum().ToDouble(), Is.GreaterThan(0));
        Assert.That(model.BatchNorms[7].num_batches_tracked!.ToInt64(), Is.EqualTo(1));
    }

    [Test]
    public void ASmallVgg19TrainsOneSgdStepOnCpuAndLowersItsLoss()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);
        using var model = new Vgg(19, Cifar, 10, 0.125, generator);
        var images = torch.randn([8, 3, 32, 32], generator: generator);
        var labels = torch.randint(0, 10, [8], generator: generator);
        using var sgd = torch.optim.SGD(model.parameters(), 0.05);
        double Step()
        {
            using var stepScope = NewDisposeScope();
            sgd.zero_grad();
            var loss = torch.nn.functional.cross_entropy(model.call(images), labels);
            loss.backward();
            sgd.step();
            return loss.ToDouble();
        }

        var before = model.Convolutions[0].weight.clone();
        var first = Step();
        var second = Step();
        Assert.That(model.Convolutions[0].weight.IsSameAs(before), Is.False, "the step changed the first convolution");
        Assert.That(second, Is.LessThan(first), "one step on the same batch lowers its loss");
    }

    [Test]
    public void ImagesWhoseSidesAreNotMultiplesOf16AreRejectedWithAClearMessage()
    {
        var mnist = new SampleShape(1, 28, 28);
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Create("vgg19", mnist, 10, seed: 1));
        Assert.That(e!.Message, Does.StartWith(
            "The input of 'vgg19' is 1×28×28, but VGG halves the height and width four times and needs both to be multiples of 16 (32×32 for CIFAR, 64×64 for Tiny ImageNet). Pad or resize the images, e.g. 28×28 to 32×32."));
        Assert.Throws<ArgumentException>(() => ModelZoo.Factory("VGG11", mnist, 10), "the factory checks the shape before the first call");
    }

    [Test]
    public void InvalidDepthsAndWidthsAreRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Vgg(12, Cifar));
        Assert.That(e!.Message, Does.StartWith(
            "The depth of 'vgg' is 12; it must be 11, 13, 16 or 19 (configurations A, B, D and E). Use 'vgg11', 'vgg16' or 'vgg19' from the zoo."));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Create("vgg16", Cifar, 10, seed: 1, widthMultiplier: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Create("vgg16", Cifar, 10, seed: 1, widthMultiplier: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Create("vgg16", Cifar, 0, seed: 1));
    }
}
