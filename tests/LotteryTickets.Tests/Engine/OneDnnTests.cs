using TorchSharp;
using LotteryTickets.Native;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.EngineTests;

public class OneDnnTests
{
    [Test]
    public void ThisProcessLeavesOneDnnAloneUnlessItAsksForACap()
    {
        if (Environment.GetEnvironmentVariable(ProcessSettings.OneDnnMaxIsaVariable) is not null
            || Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") is not null)
        {
            Assert.Ignore("The environment chooses oneDNN's ISA here.");
        }

        Assert.Multiple(() =>
        {
            Assert.That(OneDnn.AppliedMaxIsa, Is.Null);
            Assert.That(OneDnn.NativeGetEnv("ONEDNN_MAX_CPU_ISA"), Is.Null);
        });
    }

    [Test]
    public void AnIsaNameIsCheckedAgainstOneDnnsList()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OneDnn.CheckIsa("avx2"), Is.Null);
            Assert.That(OneDnn.CheckIsa("SSE41"), Is.Null);
            Assert.That(OneDnn.CheckIsa("AVX3"), Does.StartWith("not a oneDNN ISA; use one of SSE41, AVX, AVX2"));
        });
    }

    [Test]
    public void Float32GradientsThroughTwoConvolutionsAgreeWithFloat64()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(1);
        var x = randn([20, 3, 8, 8], ScalarType.Float64, generator: g);
        var w0 = randn([8, 3, 3, 3], ScalarType.Float64, generator: g).mul(0.3);
        var w1 = randn([8, 8, 3, 3], ScalarType.Float64, generator: g).mul(0.3);
        var w2 = randn([4, 8 * 16], ScalarType.Float64, generator: g).mul(0.1);
        var y = arange(4).repeat_interleave(5L);

        Tensor[] Gradients(ScalarType type)
        {
            var ws = new[] { w0.to(type).requires_grad_(true), w1.to(type).requires_grad_(true), w2.to(type).requires_grad_(true) };
            var h = nn.functional.conv2d(x.to(type), ws[0], padding: [1, 1]).relu();
            h = nn.functional.conv2d(h, ws[1], padding: [1, 1]).relu();
            h = nn.functional.max_pool2d(h, [2, 2]).flatten(1);
            var loss = nn.functional.cross_entropy(nn.functional.linear(h, ws[2]), y);
            return [.. autograd.grad([loss], ws)];
        }

        var reference = Gradients(ScalarType.Float64);
        for (var repeat = 0; repeat < 5; repeat++)
        {
            var single = Gradients(ScalarType.Float32);
            for (var i = 0; i < single.Length; i++)
            {
                var error = single[i].to(ScalarType.Float64).sub(reference[i]).abs().max().ToDouble() / reference[i].abs().max().ToDouble();
                Assert.That(error, Is.LessThan(1e-5), $"gradient {i}, repeat {repeat}");
            }
        }
    }
}
