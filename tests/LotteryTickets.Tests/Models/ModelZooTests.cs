using System.Text.Json;
using LotteryTickets.Datasets;
using LotteryTickets.Models;
using LotteryTickets.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Models;

public sealed class ModelZooTests
{
    private static readonly SampleShape Mnist = new(1, 28, 28);
    private static readonly SampleShape Cifar = new(3, 32, 32);

    private static string[] Describe(nn.Module model) =>
        model.named_parameters().Select(p => $"{p.name} [{string.Join(", ", p.parameter.shape)}]").ToArray();

    private static long CountParameters(nn.Module model) =>
        model.parameters().Sum(p => p.shape.Aggregate(1L, (a, b) => a * b));

    [Test]
    public void LeNet300100HasThePapersLayersNamesAndShapes()
    {
        using var model = ModelZoo.Create("lenet300_100", Mnist, 10, seed: 1);
        Assert.That(Describe(model), Is.EqualTo(new[]
        {
            "fc1.weight [300, 784]", "fc1.bias [300]",
            "fc2.weight [100, 300]", "fc2.bias [100]",
            "fc3.weight [10, 100]", "fc3.bias [10]",
        }));
    }

    [Test]
    public void LeNet5HasItsLayersNamesAndShapesForMnistAndCifar()
    {
        using var mnist = ModelZoo.Create("lenet5", Mnist, 10, seed: 1);
        Assert.That(Describe(mnist), Is.EqualTo(new[]
        {
            "conv1.weight [6, 1, 5, 5]", "conv1.bias [6]",
            "conv2.weight [16, 6, 5, 5]", "conv2.bias [16]",
            "fc1.weight [120, 400]", "fc1.bias [120]",
            "fc2.weight [84, 120]", "fc2.bias [84]",
            "fc3.weight [10, 84]", "fc3.bias [10]",
        }));

        // 32 → conv1 (pad 2) 32 → pool 16 → conv2 12 → pool 6: 16·6·6 = 576 features.
        using var cifar = ModelZoo.Create("lenet5", Cifar, 10, seed: 1);
        Assert.That(Describe(cifar)[0], Is.EqualTo("conv1.weight [6, 3, 5, 5]"));
        Assert.That(Describe(cifar)[4], Is.EqualTo("fc1.weight [120, 576]"));
    }

    [Test]
    public void Conv6HasSixConvolutionsThenThreeFullyConnectedLayers()
    {
        using var model = ModelZoo.Create("conv6", Cifar, 10, seed: 1);
        Assert.That(Describe(model), Is.EqualTo(new[]
        {
            "conv1.weight [64, 3, 3, 3]", "conv1.bias [64]",
            "conv2.weight [64, 64, 3, 3]", "conv2.bias [64]",
            "conv3.weight [128, 64, 3, 3]", "conv3.bias [128]",
            "conv4.weight [128, 128, 3, 3]", "conv4.bias [128]",
            "conv5.weight [256, 128, 3, 3]", "conv5.bias [256]",
            "conv6.weight [256, 256, 3, 3]", "conv6.bias [256]",
            "fc1.weight [256, 4096]", "fc1.bias [256]",
            "fc2.weight [256, 256]", "fc2.bias [256]",
            "fc3.weight [10, 256]", "fc3.bias [10]",
        }));
    }

    // Counts derived by hand from the architectures (weights + biases):
    // LeNet-300-100: 784·300+300 + 300·100+100 + 100·10+10 = 235,500 + 30,100 + 1,010 = 266,610 (the paper's 266K).
    // LeNet-5, 28×28: 156 + 2,416 + 400·120+120 + 120·84+84 + 84·10+10 = 61,706.
    // Conv-2, CIFAR: 3·64·9+64 + 64·64·9+64 + 16·16·64·256+256 + 256·256+256 + 256·10+10
    //   = 1,792 + 36,928 + 4,194,560 + 65,792 + 2,570 = 4,301,642 (the paper's 4.3M).
    // Conv-4, CIFAR: Conv-2's convolutions + 64·128·9+128 + 128·128·9+128 = 260,160; fc1 8·8·128·256+256 = 2,097,408;
    //   + 65,792 + 2,570 = 2,425,930 (the paper's 2.4M).
    // Conv-6, CIFAR: convolutions 260,160 + 128·256·9+256 + 256·256·9+256 = 1,145,408; fc1 4·4·256·256+256 = 1,048,832;
    //   + 65,792 + 2,570 = 2,262,602 (the paper's table says 1.7M, which its stated layers do not give).
    // Conv-2, MNIST: 1·64·9+64 + 36,928 + 14·14·64·256+256 + 65,792 + 2,570 = 640 + 36,928 + 3,211,520 + 68,362 = 3,317,450.
    [TestCase("lenet300_100", 1, 28, 266_610L)]
    [TestCase("lenet5", 1, 28, 61_706L)]
    [TestCase("conv2", 3, 32, 4_301_642L)]
    [TestCase("conv4", 3, 32, 2_425_930L)]
    [TestCase("conv6", 3, 32, 2_262_602L)]
    [TestCase("conv2", 1, 28, 3_317_450L)]
    public void ParameterCountsMatchTheArchitecture(string name, int channels, int side, long expected)
    {
        using var model = ModelZoo.Create(name, new SampleShape(channels, side, side), 10, seed: 1);
        Assert.That(CountParameters(model), Is.EqualTo(expected));
    }

    [TestCase("lenet300_100", 1, 28)]
    [TestCase("lenet5", 1, 28)]
    [TestCase("lenet5", 3, 32)]
    [TestCase("conv2", 1, 28)]
    [TestCase("conv2", 3, 32)]
    [TestCase("conv4", 1, 28)]
    [TestCase("conv4", 3, 32)]
    [TestCase("conv6", 1, 28)]
    [TestCase("conv6", 3, 32)]
    public void ForwardGivesOneRowOfLogitsPerSample(string name, int channels, int side)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        using var model = ModelZoo.Create(name, new SampleShape(channels, side, side), 7, generator, widthMultiplier: 0.125);
        var batch = torch.randn([3, channels, side, side], generator: generator);
        var logits = model.call(batch);
        Assert.That(logits.shape, Is.EqualTo(new long[] { 3, 7 }));
        Assert.That(logits.isfinite().all().ToBoolean(), Is.True);
    }

    [Test]
    public void TheWidthMultiplierScalesHiddenWidthsButNotInputsOrClasses()
    {
        using var model = ModelZoo.Create("lenet300_100", Mnist, 10, seed: 1, widthMultiplier: 0.1);
        Assert.That(Describe(model), Is.EqualTo(new[]
        {
            "fc1.weight [30, 784]", "fc1.bias [30]", "fc2.weight [10, 30]", "fc2.bias [10]", "fc3.weight [10, 10]", "fc3.bias [10]",
        }));
        using var conv = ModelZoo.Create("conv2", Cifar, 10, seed: 1, widthMultiplier: 0.25);
        Assert.That(Describe(conv)[2], Is.EqualTo("conv2.weight [16, 16, 3, 3]"));
        Assert.That(Describe(conv)[4], Is.EqualTo("fc1.weight [64, 4096]"));
    }

    [TestCase("lenet300_100")]
    [TestCase("lenet5")]
    [TestCase("conv4")]
    public void TheSameSeedGivesTheSameWeightsAndAnotherSeedDifferentOnes(string name)
    {
        using var scope = NewDisposeScope();
        using var a = ModelZoo.Create(name, Mnist, 10, seed: 42, widthMultiplier: 0.25);
        using var b = ModelZoo.Create(name, Mnist, 10, seed: 42, widthMultiplier: 0.25);
        using var c = ModelZoo.Create(name, Mnist, 10, seed: 43, widthMultiplier: 0.25);
        var pb = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var pc = c.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (pname, p) in a.named_parameters())
        {
            Assert.That(p.IsSameAs(pb[pname]), Is.True, $"{pname} differs between two models of seed 42");
            Assert.That(p.IsSameAs(pc[pname]), Is.False, $"{pname} is the same for seeds 42 and 43");
        }
    }

    [Test]
    public void AFactoryBuildsAFreshModelFromEachGenerator()
    {
        var factory = ModelZoo.Factory("lenet5", Mnist, 10, widthMultiplier: 0.5);
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        using var a = factory(g1);
        using var b = factory(g2);
        Assert.That(a, Is.Not.SameAs(b));
        Assert.That(a.named_parameters().First().parameter.IsSameAs(b.named_parameters().First().parameter), Is.True);
    }

    [Test]
    public void LeNet300100MatchesPyTorchBitForBitFromTheSameSeed()
    {
        const ulong seed = 20180309;
        var reference = JsonSerializer.Deserialize<Dictionary<string, string>>(Python.Run("zoo_reference.py", null, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        using var generator = new Generator(seed);
        using var model = new LeNet300100(Mnist, generator: generator);
        Assert.That(reference.Keys, Is.EqualTo(model.named_parameters().Select(p => p.name)));
        foreach (var (name, parameter) in model.named_parameters())
        {
            var ours = parameter.data<float>().ToArray().SelectMany(BitConverter.GetBytes).ToArray();
            Assert.That(ours, Is.EqualTo(Convert.FromBase64String(reference[name])), $"{name} differs from PyTorch's");
        }
    }

    [Test]
    public void AnUnknownNameListsTheKnownModels()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Create("resnet18", Cifar, 10, seed: 1));
        Assert.That(e!.Message, Does.StartWith(
            "The model 'resnet18' is not in the zoo. Known models: 'lenet300_100', 'lenet5', 'conv2', 'conv4', 'conv6', 'vgg11', 'vgg16', 'vgg19', 'resnet20', 'resnet32', 'resnet56'. Check the spelling, or pass your own model factory."));
        Assert.Throws<ArgumentException>(() => ModelZoo.Factory("vgg", Cifar, 10));
    }

    [Test]
    public void NamesAreMatchedWithoutRegardToCase()
    {
        using var model = ModelZoo.Create("LeNet300_100", Mnist, 10, seed: 1, widthMultiplier: 0.1);
        Assert.That(model, Is.InstanceOf<LeNet300100>());
        Assert.That(ModelZoo.Contains("CONV6"), Is.True);
        Assert.That(ModelZoo.Contains("conv8"), Is.False);
    }

    [Test]
    public void ABatchOfTheWrongShapeIsRejectedWithTheExpectedShape()
    {
        using var scope = NewDisposeScope();
        using var model = ModelZoo.Create("conv2", Cifar, 10, seed: 1, widthMultiplier: 0.125);
        var e = Assert.Throws<ArgumentException>(() => model.call(torch.zeros([2, 1, 28, 28])));
        Assert.That(e!.Message, Does.StartWith(
            "The input of 'conv2' has shape [2, 1, 28, 28], but the model was built for batches of 3×32×32 samples, i.e. [N, 3, 32, 32]. Build the model for this input shape, or reshape the batch."));
    }

    [Test]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Create("lenet5", Mnist, 0, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Create("lenet5", Mnist, 10, seed: 1, widthMultiplier: 0));
        Assert.Throws<ArgumentException>(() => ModelZoo.Create("conv6", new SampleShape(1, 4, 4), 10, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvNet(4, Cifar));
    }
}
