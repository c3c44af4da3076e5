using LotteryTickets.Torch.Optim;

namespace LotteryTickets.Torch.Tests.Optim;

public class OptimizerOptionsTests
{
    private static readonly string NL = Environment.NewLine;

    [Test]
    public void InvalidSgdOptionsAreAllReportedInOneMessage()
    {
        using var scope = DisposeScope.Begin();
        var options = new SgdOptions { LearningRate = -1, Momentum = -0.5, Nesterov = true, WeightDecay = double.NaN };
        var ex = Assert.Throws<ArgumentException>(() => new Sgd([Tensor.Zeros([2]).RequiresGrad_()], options));
        Assert.That(ex!.Message, Is.EqualTo(
            "The 'SgdOptions' are invalid. Correct the following and try again:" + NL +
            "- 'LearningRate' is -1; it must be a finite number greater than 0." + NL +
            "- 'Momentum' is -0.5; it must be a finite number of at least 0." + NL +
            "- 'WeightDecay' is NaN; it must be a finite number of at least 0." + NL +
            "- 'Nesterov' needs a 'Momentum' greater than 0 and a 'Dampening' of 0, but they are -0.5 and 0; set them so or turn 'Nesterov' off." +
            " (Parameter 'options')"));
        Assert.That(ex.ParamName, Is.EqualTo("options"));
    }

    [Test]
    public void NesterovWithDampeningIsRefused()
    {
        using var scope = DisposeScope.Begin();
        var options = new SgdOptions { Momentum = 0.9, Dampening = 0.1, Nesterov = true };
        var ex = Assert.Throws<ArgumentException>(() => new Sgd([Tensor.Zeros([2]).RequiresGrad_()], options));
        Assert.That(ex!.Message, Does.Contain("but they are 0.9 and 0.1"));
    }

    [Test]
    public void InvalidAdamOptionsAreAllReportedInOneMessage()
    {
        using var scope = DisposeScope.Begin();
        var options = new AdamWOptions { LearningRate = 0, Beta1 = 1, Beta2 = -0.1, Epsilon = double.PositiveInfinity, WeightDecay = -1 };
        var ex = Assert.Throws<ArgumentException>(() => new AdamW([Tensor.Zeros([2]).RequiresGrad_()], options));
        Assert.That(ex!.Message, Is.EqualTo(
            "The 'AdamWOptions' are invalid. Correct the following and try again:" + NL +
            "- 'LearningRate' is 0; it must be a finite number greater than 0." + NL +
            "- 'Beta1' is 1; it must be at least 0 and less than 1." + NL +
            "- 'Beta2' is -0.1; it must be at least 0 and less than 1." + NL +
            "- 'Epsilon' is Infinity; it must be a finite number of at least 0." + NL +
            "- 'WeightDecay' is -1; it must be a finite number of at least 0." +
            " (Parameter 'options')"));
    }

    [Test]
    public void DefaultsAreThoseOfPyTorch()
    {
        var adam = new AdamOptions();
        Assert.That((adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.AmsGrad), Is.EqualTo((1e-3, 0.9, 0.999, 1e-8, 0.0, false)));
        var sgd = new SgdOptions();
        Assert.That((sgd.Momentum, sgd.Dampening, sgd.Nesterov, sgd.WeightDecay), Is.EqualTo((0.0, 0.0, false, 0.0)));
    }

    [Test]
    public void TheOptimizerKeepsItsOwnCopyOfTheOptions()
    {
        using var scope = DisposeScope.Begin();
        var options = new SgdOptions { LearningRate = 0.1, Momentum = 0.5 };
        using var sgd = new Sgd([Tensor.Zeros([2]).RequiresGrad_()], options);
        options.Momentum = 0.7;
        Assert.That(sgd.Options.Momentum, Is.EqualTo(0.5));
    }
}
