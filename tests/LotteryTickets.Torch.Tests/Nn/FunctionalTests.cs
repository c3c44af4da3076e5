using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

public class FunctionalTests
{
    [Test]
    public void DropoutZeroesAboutPAndScalesTheRestByOneOverOneMinusP()
    {
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(3);
        var x = Tensor.Ones([100_000], ScalarType.Float64);
        var y = Functional.Dropout(x, 0.25, training: true, generator);
        var values = y.ToArray<double>();
        Assert.That(values.Distinct().Order(), Is.EqualTo(new[] { 0.0, 1 / 0.75 }).Within(1e-15));
        Assert.That(values.Count(v => v == 0) / 100_000.0, Is.EqualTo(0.25).Within(0.01));
    }

    [Test]
    public void DropoutWithTheSameSeedDrawsTheSameMask()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([1000]);
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        using var g3 = new Generator(10);
        var a = Functional.Dropout(x, 0.5, true, g1).ToArray<float>();
        Assert.That(Functional.Dropout(x, 0.5, true, g2).ToArray<float>(), Is.EqualTo(a));
        Assert.That(Functional.Dropout(x, 0.5, true, g3).ToArray<float>(), Is.Not.EqualTo(a));
    }

    [Test]
    public void DropoutOutsideTrainingAndWithPZeroPassesTheInputThrough()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray(new float[] { 1, 2, 3 });
        Assert.That(Functional.Dropout(x, 0.9, training: false).ToArray<float>(), Is.EqualTo(new float[] { 1, 2, 3 }));
        Assert.That(Functional.Dropout(x, 0).ToArray<float>(), Is.EqualTo(new float[] { 1, 2, 3 }));
        Assert.That(Functional.Dropout(x, 1).ToArray<float>(), Is.EqualTo(new float[] { 0, 0, 0 }));
    }

    [Test]
    public void ADropoutProbabilityOutsideZeroToOneIsRejected()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([3]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Dropout(x, 1.5));
        Assert.That(ex!.Message, Does.StartWith("The dropout probability '1.5' is invalid: it must be between 0 and 1."));
    }

    [Test]
    public void OneHotPutsAOneAtEachIndex()
    {
        using var scope = DisposeScope.Begin();
        var y = Functional.OneHot(Tensor.FromArray(new long[] { 2, 0 }), 3);
        Assert.That(y.Shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(y.ToArray<long>(), Is.EqualTo(new long[] { 0, 0, 1, 1, 0, 0 }));
    }

    [Test]
    public void AClassTargetOutOfRangeIsAnExceptionNotACrash()
    {
        using var scope = DisposeScope.Begin();
        var logits = Tensor.Zeros([2, 3]);
        var ex = Assert.Throws<TorchException>(() => Functional.CrossEntropy(logits, Tensor.FromArray(new long[] { 0, 3 })));
        Assert.That(ex!.Message, Does.StartWith("CrossEntropy failed:"));
    }

    [Test]
    public void AConvolutionWithMismatchedChannelsNamesTheProblem()
    {
        using var scope = DisposeScope.Begin();
        var ex = Assert.Throws<TorchException>(() => Functional.Conv2d(Tensor.Zeros([1, 3, 5, 5]), Tensor.Zeros([4, 2, 3, 3])));
        Assert.That(ex!.Message, Does.StartWith("Conv2d failed:").And.Contain("channels"));
    }

    [Test]
    public void ANonPositiveStrideIsRejectedBeforeReachingLibtorch()
    {
        using var scope = DisposeScope.Begin();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => Functional.Conv2d(Tensor.Zeros([1, 1, 5, 5]), Tensor.Zeros([1, 1, 3, 3]), stride: (1, 0)));
        Assert.That(ex!.Message, Does.StartWith("The stride '(1, 0)' is invalid: a stride must be positive."));
    }

    [Test]
    public void MseLossRejectsInputsOfDifferentShapes()
    {
        using var scope = DisposeScope.Begin();
        var ex = Assert.Throws<TorchException>(() => Functional.MseLoss(Tensor.Zeros([3]), Tensor.Zeros([3, 1])));
        Assert.That(ex!.Message, Does.Contain("same shape"));
    }

    [Test]
    public void BatchNormInTrainingNeedsMoreThanOneValuePerChannel()
    {
        using var scope = DisposeScope.Begin();
        var ex = Assert.Throws<TorchException>(() => Functional.BatchNorm(Tensor.Ones([1, 3]), null, null, training: true));
        Assert.That(ex!.Message, Does.Contain("more than one value per channel"));
    }

    [Test]
    public void BatchNormOutsideTrainingNeedsRunningStatistics()
    {
        using var scope = DisposeScope.Begin();
        var ex = Assert.Throws<ArgumentException>(() => Functional.BatchNorm(Tensor.Ones([2, 3]), null, null));
        Assert.That(ex!.Message, Does.StartWith("The running statistics 'runningMean' and 'runningVar' are required outside training."));
    }
}
