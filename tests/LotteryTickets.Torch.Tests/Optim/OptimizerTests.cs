using LotteryTickets.Torch.Optim;

namespace LotteryTickets.Torch.Tests.Optim;

public class OptimizerTests
{
    [Test]
    public void TheFirstSgdStepFillsTheMomentumBufferWithTheGradientItself()
    {
        using var scope = DisposeScope.Begin();
        var w = Tensor.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        using var sgd = new Sgd([w], new SgdOptions { LearningRate = 0.5, Momentum = 0.9, Dampening = 0.5 });
        w.Grad = Tensor.FromArray(new double[] { 0.2, -0.4 });
        sgd.Step();

        // PyTorch 1.13: buf = grad on the first step (no dampening), w -= lr * buf.
        var state = sgd.StateDict();
        Assert.That(state.Tensors["state.0.momentum_buffer"].ToArray<double>(), Is.EqualTo(new[] { 0.2, -0.4 }));
        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 1 - (0.5 * 0.2), 2 + (0.5 * 0.4) }));

        // Second step: buf = 0.9 buf + (1 - 0.5) grad.
        w.Grad = Tensor.FromArray(new double[] { 1, 1 });
        sgd.Step();
        Assert.That(sgd.StateDict().Tensors["state.0.momentum_buffer"].ToArray<double>(), Is.EqualTo(new[] { (0.9 * 0.2) + 0.5, (0.9 * -0.4) + 0.5 }).Within(1e-15));
    }

    [Test]
    public void ParametersWithoutAGradientAreLeftAsTheyAreAndGetNoState()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        var b = Tensor.FromArray(new double[] { 3, 4 }).RequiresGrad_();
        using var adam = new Adam([a, b], new AdamOptions { LearningRate = 0.1 });
        a.Grad = Tensor.FromArray(new double[] { 1, -1 });
        adam.Step();

        Assert.That(b.ToArray<double>(), Is.EqualTo(new double[] { 3, 4 }));
        Assert.That(a.ToArray<double>(), Is.Not.EqualTo(new double[] { 1, 2 }));
        var keys = adam.StateDict().Tensors.Keys.Where(k => k.StartsWith("state.", StringComparison.Ordinal)).Order().ToArray();
        Assert.That(keys, Is.EqualTo(new[] { "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.step" }));
    }

    [Test]
    public void ZeroGradRemovesGradientsOrFillsThemWithZeros()
    {
        using var scope = DisposeScope.Begin();
        var w = Tensor.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        using var sgd = new Sgd([w]);
        w.Square().Sum().Backward();
        sgd.ZeroGrad(setToNone: false);
        Assert.That(w.Grad!.ToArray<double>(), Is.EqualTo(new double[] { 0, 0 }));
        sgd.ZeroGrad();
        Assert.That(w.Grad, Is.Null);
    }

    [Test]
    public void EachGroupUsesItsOwnLearningRateAndWeightDecay()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.FromArray(new double[] { 1 }).RequiresGrad_();
        var b = Tensor.FromArray(new double[] { 1 }).RequiresGrad_();
        var c = Tensor.FromArray(new double[] { 1 }).RequiresGrad_();
        using var sgd = new Sgd(
            [new ParameterGroup([a]), new ParameterGroup([b], learningRate: 0.5, weightDecay: 1), new ParameterGroup([c], learningRate: 0)],
            new SgdOptions { LearningRate = 0.1 });
        foreach (var p in new[] { a, b, c })
        {
            p.Grad = Tensor.FromArray(new double[] { 1 });
        }

        sgd.Step();
        Assert.That(a.ToArray<double>()[0], Is.EqualTo(0.9));
        Assert.That(b.ToArray<double>()[0], Is.EqualTo(0.0), "1 - 0.5 * (1 + 1 * 1)");
        Assert.That(c.ToArray<double>()[0], Is.EqualTo(1.0));
        Assert.That(sgd.ParameterGroups.Select(g => g.InitialLearningRate), Is.EqualTo(new[] { 0.1, 0.5, 0 }));

        sgd.ParameterGroups[2].LearningRate = 0.25;
        sgd.Step();
        Assert.That(c.ToArray<double>()[0], Is.EqualTo(0.75));
    }

    [Test]
    public void AdamWShrinksWeightsEvenWithoutAnL2Gradient()
    {
        using var scope = DisposeScope.Begin();
        var w = Tensor.FromArray(new double[] { 2 }).RequiresGrad_();
        using var adamw = new AdamW([w], new AdamWOptions { LearningRate = 0.1, WeightDecay = 0.5 });
        w.Grad = Tensor.FromArray(new double[] { 0 });
        adamw.Step();

        // Zero gradient: the Adam update is 0 / (0 + eps) = 0, so only the decoupled decay acts.
        Assert.That(w.ToArray<double>()[0], Is.EqualTo(2 * (1 - (0.1 * 0.5))));
        Assert.That(new AdamWOptions().WeightDecay, Is.EqualTo(0.01));
    }

    [Test]
    public void TrainingInsideScopesLeavesOnlyTheOptimizerStateAliveUntilItIsDisposed()
    {
        var problem = new RegressionProblem();
        var before = Tensor.LiveCount;
        var parameters = problem.InitialParameters();
        var adam = new Adam(parameters, new AdamOptions { AmsGrad = true });
        for (var i = 0; i < 20; i++)
        {
            problem.Step(parameters, adam);
        }

        // The 2 parameters and 3 state tensors for each; every temporary of the steps is gone.
        Assert.That(Tensor.LiveCount - before, Is.EqualTo(2 + 6));
        adam.Dispose();
        foreach (var p in parameters)
        {
            p.Dispose();
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    [Test]
    public void AGradientOfTheWrongShapeIsAClearErrorAndChangesNothing()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        var b = Tensor.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        using var sgd = new Sgd([a, b], new SgdOptions { Momentum = 0.9 });
        a.Grad = Tensor.FromArray(new double[] { 1, 1 });
        b.Grad = Tensor.FromArray(new double[] { 1, 1, 1 });

        var ex = Assert.Throws<TorchException>(sgd.Step);
        Assert.That(ex!.Message, Does.Contain("parameter 1 has shape [2] but its gradient has shape [3]"));
        Assert.That(a.ToArray<double>(), Is.EqualTo(new double[] { 1, 2 }));
        Assert.That(sgd.StateDict().Tensors.Keys, Has.None.StartsWith("state."));
    }

    [Test]
    public void ParametersThatCannotBeOptimizedAreAllReportedAtOnce()
    {
        using var scope = DisposeScope.Begin();
        var w = Tensor.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        var nonLeaf = w.Mul(2);
        var integers = Tensor.FromArray(new long[] { 1, 2 });

        var ex = Assert.Throws<ArgumentException>(() => new Sgd([w, nonLeaf, integers, w]));
        Assert.That(ex!.Message, Does.StartWith("The parameter groups are invalid. Correct the following and try again:"));
        Assert.That(ex.Message, Does.Contain("- Parameter 1 of group 0 is not a leaf of the autograd graph"));
        Assert.That(ex.Message, Does.Contain("- Parameter 2 of group 0 holds Int64 elements; only floating-point tensors can be optimized."));
        Assert.That(ex.Message, Does.Contain("- Parameter 3 of group 0 is the same tensor as parameter 0 of group 0; give each parameter once."));
    }

    [Test]
    public void AGroupCannotServeTwoOptimizers()
    {
        using var scope = DisposeScope.Begin();
        var group = new ParameterGroup([Tensor.Zeros([2]).RequiresGrad_()]);
        using var first = new Sgd([group]);
        var ex = Assert.Throws<ArgumentException>(() => new Adam([group]));
        Assert.That(ex!.Message, Does.Contain("Group 0 already belongs to another optimizer"));
    }

    [Test]
    public void AGroupLearningRateMustBeFiniteAndNotNegative()
    {
        using var scope = DisposeScope.Begin();
        var group = new ParameterGroup([Tensor.Zeros([2]).RequiresGrad_()]);
        Assert.Throws<ArgumentOutOfRangeException>(() => group.LearningRate = -0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => group.LearningRate = double.NaN);
        var ex = Assert.Throws<InvalidOperationException>(() => _ = group.LearningRate);
        Assert.That(ex!.Message, Does.Contain("comes from its optimizer's options"));
    }

    [Test]
    public void AStepAfterDisposeIsRefused()
    {
        using var scope = DisposeScope.Begin();
        var sgd = new Sgd([Tensor.Zeros([2]).RequiresGrad_()]);
        sgd.Dispose();
        Assert.Throws<ObjectDisposedException>(sgd.Step);
    }
}
