using LotteryTickets.Torch.Tests.Support;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

/// <summary>Gradients of the functional ops against central finite differences in float64.</summary>
public class FunctionalGradientTests
{
    private static Tensor Random(ulong seed, params long[] shape)
    {
        using var generator = new Generator(seed);
        return Tensor.Rand(shape, generator, ScalarType.Float64).Mul_(4).Sub_(2);
    }

    [Test]
    public void LinearGradientsMatchFiniteDifferences()
    {
        using var scope = DisposeScope.Begin();
        GradientCheck.Assert(
            t => Functional.Linear(t[0], t[1], t[2]), [Random(1, 3, 4), Random(2, 5, 4), Random(3, 5)]);
    }

    [Test]
    public void Conv2dGradientsMatchFiniteDifferences()
    {
        using var scope = DisposeScope.Begin();
        GradientCheck.Assert(
            t => Functional.Conv2d(t[0], t[1], t[2], stride: (2, 1), padding: 1, dilation: (1, 2), groups: 2),
            [Random(1, 2, 4, 5, 5), Random(2, 4, 2, 3, 2), Random(3, 4)]);
    }

    [Test]
    public void PoolingGradientsMatchFiniteDifferences()
    {
        using var scope = DisposeScope.Begin();
        var x = Random(4, 2, 2, 6, 5);
        GradientCheck.Assert(t => Functional.MaxPool2d(t[0], 3, stride: 2, padding: 1), [x]);
        GradientCheck.Assert(t => Functional.MaxPool2d(t[0], 2, dilation: 2, ceilMode: true), [x]);
        GradientCheck.Assert(
            t => Functional.AvgPool2d(t[0], (3, 2), stride: 2, padding: 1, countIncludePad: false), [x]);
        GradientCheck.Assert(t => Functional.AdaptiveAvgPool2d(t[0], 4, 3), [x]);
    }

    [Test]
    public void BatchNormTrainingGradientsMatchFiniteDifferences()
    {
        using var scope = DisposeScope.Begin();
        GradientCheck.Assert(
            t => Functional.BatchNorm(t[0], null, null, t[1], t[2], training: true),
            [Random(5, 4, 3, 2, 2), Random(6, 3), Random(7, 3)]);
    }

    [Test]
    public void LogSoftmaxAndSoftmaxGradientsMatchFiniteDifferences()
    {
        using var scope = DisposeScope.Begin();
        GradientCheck.Assert(t => Functional.LogSoftmax(t[0], 1), [Random(8, 3, 5)]);
        GradientCheck.Assert(t => Functional.Softmax(t[0], 0), [Random(9, 3, 5)]);
    }

    [TestCase(Reduction.Mean, 0.0)]
    [TestCase(Reduction.Sum, 0.15)]
    [TestCase(Reduction.None, 0.0)]
    public void CrossEntropyGradientsMatchFiniteDifferences(Reduction reduction, double labelSmoothing)
    {
        using var scope = DisposeScope.Begin();
        var targets = Tensor.FromArray(new long[] { 0, 3, 2, 3 });
        GradientCheck.Assert(
            t => Functional.CrossEntropy(t[0], targets, reduction, labelSmoothing), [Random(10, 4, 4)]);
    }

    [Test]
    public void NllAndMseGradientsMatchFiniteDifferences()
    {
        using var scope = DisposeScope.Begin();
        var targets = Tensor.FromArray(new long[] { 1, 0, 2 });
        GradientCheck.Assert(t => Functional.NllLoss(t[0], targets), [Random(11, 3, 3)]);
        GradientCheck.Assert(t => Functional.MseLoss(t[0], t[1]), [Random(12, 2, 3), Random(13, 2, 3)]);
    }

    [Test]
    public void DropoutWithAFixedGeneratorHasTheGradientOfItsMask()
    {
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(42);
        GradientCheck.Assert(
            t =>
            {
                generator.ManualSeed(42);
                return Functional.Dropout(t[0], 0.4, training: true, generator);
            },
            [Random(14, 4, 5)]);
    }
}
