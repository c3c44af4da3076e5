using LotteryTickets.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training;

public class ChannelsLastTests
{
    /// <summary>A small CNN on 1×8×8 inputs with a 1×1 stride-2 convolution of 8 input channels (the oneDNN#6035 shape) and one of 16.</summary>
    private sealed class SmallCnn : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1;
        private readonly Conv2d conv2;
        private readonly Conv2d down1;
        private readonly Conv2d down2;
        private readonly Linear fc;

        public SmallCnn(long seed) : base(nameof(SmallCnn))
        {
            torch.manual_seed(seed);
            conv1 = nn.Conv2d(1, 8, 3, padding: 1);
            down1 = nn.Conv2d(8, 16, 1, stride: 2);
            conv2 = nn.Conv2d(16, 16, 3, padding: 1);
            down2 = nn.Conv2d(16, 16, 1, stride: 2);
            fc = nn.Linear(16 * 2 * 2, 4);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var h = conv1.call(x).relu();
            h = down1.call(h).relu();
            h = conv2.call(h).relu();
            h = down2.call(h).relu();
            return fc.call(h.flatten(1));
        }
    }

    [Test]
    public void LayoutGivesChannelsLastStridesAndTheSameValues()
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 4, 5, generator: new Generator(1));
        var laidOut = ChannelsLast.Layout(x);
        Assert.Multiple(() =>
        {
            Assert.That(ChannelsLast.IsChannelsLast(x), Is.False);
            Assert.That(ChannelsLast.IsChannelsLast(laidOut), Is.True);
            Assert.That(laidOut.stride(), Is.EqualTo(new long[] { 60, 1, 15, 3 }));
            Assert.That(laidOut.eq(x).all().item<bool>(), Is.True);
            Assert.That(ReferenceEquals(ChannelsLast.Layout(laidOut), laidOut), Is.True);
            Assert.Throws<ArgumentException>(() => ChannelsLast.Layout(x.flatten(1)));
        });
    }

    [Test]
    public void ApplyLaysOutConvolutionsExceptTheGuardedShapeAndDisposeUndoesIt()
    {
        using var model = new SmallCnn(3);
        var weights = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        using var before = weights["conv1.weight"].clone();
        var layout = ChannelsLast.Apply(model);
        Assert.Multiple(() =>
        {
            Assert.That(layout.GuardedLayers, Is.EqualTo(new[] { "down1" }));
            Assert.That(ChannelsLast.IsChannelsLast(weights["conv1.weight"]), Is.True);
            Assert.That(ChannelsLast.IsChannelsLast(weights["conv2.weight"]), Is.True);
            Assert.That(ChannelsLast.IsChannelsLast(weights["down2.weight"]) && weights["down2.weight"].is_contiguous(), Is.True, "a 1×1 weight is laid out the same in both layouts");
            Assert.That(weights["down1.weight"].is_contiguous(), Is.True);
            Assert.That(weights["conv1.weight"].eq(before).all().item<bool>(), Is.True);
            Assert.That(ReferenceEquals(model.named_parameters().First().parameter, weights["conv1.weight"]), Is.True, "same parameter objects");
        });

        layout.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(weights.Values.All(w => w.is_contiguous()), Is.True);
            Assert.That(weights["conv1.weight"].eq(before).all().item<bool>(), Is.True);
        });
    }

    [Test]
    public void GradientsInChannelsLastAgreeWithNchw()
    {
        using var scope = NewDisposeScope();
        var x = randn(16, 1, 8, 8, generator: new Generator(5));
        var y = arange(4).repeat(4);

        Dictionary<string, Tensor> Gradients(bool channelsLast)
        {
            using var model = new SmallCnn(3);
            using var layout = channelsLast ? ChannelsLast.Apply(model) : null;
            nn.functional.cross_entropy(model.call(x), y).backward();
            return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.contiguous().detach().clone());
        }

        var reference = Gradients(false);
        var laidOut = Gradients(true);
        foreach (var (name, g) in reference)
        {
            var error = laidOut[name].sub(g).abs().max().ToDouble() / Math.Max(g.abs().max().ToDouble(), 1e-12);
            Assert.That(error, Is.LessThan(1e-5), name);
        }
    }

    [Test]
    public void ATrainerWithChannelsLastTrainsDeterministicallyAndGivesTheModelBackContiguous()
    {
        TrainingResult Train(out bool contiguousAfter)
        {
            using var model = new SmallCnn(3);
            var options = TinyTask.Options();
            options.ChannelsLast = true;
            using var trainer = TinyTask.CreateTrainer(model, options);
            var result = trainer.Run();
            trainer.Dispose();
            contiguousAfter = model.parameters().All(p => p.is_contiguous());
            return result;
        }

        var first = Train(out var contiguous);
        var second = Train(out _);
        Assert.Multiple(() =>
        {
            Assert.That(contiguous, Is.True);
            Assert.That(first.Final!.TestLoss, Is.EqualTo(second.Final!.TestLoss), "same seed, same numbers");
            Assert.That(double.IsFinite(first.Final!.TestLoss), Is.True);
        });
    }
}
