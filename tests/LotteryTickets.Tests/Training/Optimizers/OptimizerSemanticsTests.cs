using LotteryTickets.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training.Optimizers;

/// <summary>The behaviour of TorchSharp's SGD, Adam and AdamW that training and checkpoints rely on.</summary>
public class OptimizerSemanticsTests
{
    [Test]
    public void TheFirstSgdStepFillsTheMomentumBufferWithTheGradientItself()
    {
        var w = RegressionProblem.Owned(torch.tensor(new double[] { 1, 2 }));
        (string, Parameter)[] named = [("w", w)];
        using var sgd = optim.SGD([w], 0.5, momentum: 0.9, dampening: 0.5);
        w.grad = torch.tensor(new double[] { 0.2, -0.4 });
        sgd.step();

        // PyTorch: buf = grad on the first step (no dampening), w -= lr * buf.
        using (var state = OptimizerStateTensors.Capture(sgd, named))
        {
            Assert.That(RegressionProblem.Values(state.Tensors["state.w.momentum_buffer"]), Is.EqualTo(new[] { 0.2, -0.4 }));
        }

        Assert.That(RegressionProblem.Values(w), Is.EqualTo(new[] { 1 - (0.5 * 0.2), 2 + (0.5 * 0.4) }));

        // Second step: buf = 0.9 buf + (1 - 0.5) grad.
        w.grad = torch.tensor(new double[] { 1, 1 });
        sgd.step();
        using (var state = OptimizerStateTensors.Capture(sgd, named))
        {
            Assert.That(RegressionProblem.Values(state.Tensors["state.w.momentum_buffer"]), Is.EqualTo(new[] { (0.9 * 0.2) + 0.5, (0.9 * -0.4) + 0.5 }).Within(1e-15));
        }

        w.Dispose();
    }

    [Test]
    public void ParametersWithoutAGradientAreLeftAsTheyAreAndKeepAFreshState()
    {
        var a = RegressionProblem.Owned(torch.tensor(new double[] { 1, 2 }));
        var b = RegressionProblem.Owned(torch.tensor(new double[] { 3, 4 }));
        using var adam = optim.Adam([a, b], 0.1);
        a.grad = torch.tensor(new double[] { 1, -1 });
        adam.step();

        Assert.That(RegressionProblem.Values(b), Is.EqualTo(new double[] { 3, 4 }));
        Assert.That(RegressionProblem.Values(a), Is.Not.EqualTo(new double[] { 1, 2 }));
        using var state = OptimizerStateTensors.Capture(adam, [("a", a), ("b", b)]);
        Assert.That(state.Tensors["state.a.step"].ToInt64(), Is.EqualTo(1));
        Assert.That(state.Tensors["state.b.step"].ToInt64(), Is.Zero);
        Assert.That(state.Tensors["state.b.exp_avg"].count_nonzero().ToInt64(), Is.Zero);
        a.Dispose();
        b.Dispose();
    }

    [Test]
    public void AdamWShrinksWeightsEvenWithoutAnL2Gradient()
    {
        var w = RegressionProblem.Owned(torch.tensor(new double[] { 2 }));
        using var adamw = optim.AdamW([w], 0.1, weight_decay: 0.5);
        w.grad = torch.tensor(new double[] { 0 });
        adamw.step();

        // Zero gradient: the Adam update is 0 / (0 + eps) = 0, so only the decoupled decay acts.
        Assert.That(RegressionProblem.Values(w)[0], Is.EqualTo(2 * (1 - (0.1 * 0.5))));
        w.Dispose();
    }

    [Test]
    public void EachGroupUsesItsOwnLearningRateAndWeightDecay()
    {
        var a = RegressionProblem.Owned(torch.tensor(new double[] { 1 }));
        var b = RegressionProblem.Owned(torch.tensor(new double[] { 1 }));
        var c = RegressionProblem.Owned(torch.tensor(new double[] { 1 }));
        using var sgd = optim.SGD(
            [new SGD.ParamGroup([a], new SGD.Options()), new SGD.ParamGroup([b], lr: 0.5, weight_decay: 1), new SGD.ParamGroup([c], lr: 0)],
            0.1);
        foreach (var p in new[] { a, b, c })
        {
            p.grad = torch.tensor(new double[] { 1 });
        }

        sgd.step();
        Assert.That(RegressionProblem.Values(a)[0], Is.EqualTo(0.9));
        Assert.That(RegressionProblem.Values(b)[0], Is.EqualTo(0.0), "1 - 0.5 * (1 + 1 * 1)");
        Assert.That(RegressionProblem.Values(c)[0], Is.EqualTo(1.0));
        Assert.That(sgd.ParamGroups.Select(g => g.InitialLearningRate), Is.EqualTo(new[] { 0.1, 0.5, 0 }));

        sgd.ParamGroups.Last().LearningRate = 0.25;
        sgd.step();
        Assert.That(RegressionProblem.Values(c)[0], Is.EqualTo(0.75));
        foreach (var p in new[] { a, b, c })
        {
            p.Dispose();
        }
    }

    [TestCase(OptimizerKind.Sgd, "SGD", "{\"params\":[\"w\"],\"lr\":0.05,\"initial_lr\":0.05,\"weight_decay\":0.001,\"momentum\":0.9,\"dampening\":0,\"nesterov\":1,\"maximize\":0}")]
    [TestCase(OptimizerKind.Adam, "Adam", "{\"params\":[\"w\"],\"lr\":0.05,\"initial_lr\":0.05,\"weight_decay\":0.001,\"beta1\":0.8,\"beta2\":0.99,\"eps\":1E-06,\"amsgrad\":0,\"maximize\":0}")]
    [TestCase(OptimizerKind.AdamW, "AdamW", "{\"params\":[\"w\"],\"lr\":0.05,\"initial_lr\":0.05,\"weight_decay\":0.001,\"beta1\":0.8,\"beta2\":0.99,\"eps\":1E-06,\"amsgrad\":0,\"maximize\":0}")]
    public void TheTrainingOptionsBuildTheirOptimizerWithEveryOption(OptimizerKind kind, string type, string group)
    {
        var options = new TrainingOptions
        {
            Optimizer = kind,
            LearningRate = 0.05,
            WeightDecay = 1e-3,
            Momentum = kind == OptimizerKind.Sgd ? 0.9 : 0,
            Nesterov = kind == OptimizerKind.Sgd,
            Beta1 = 0.8,
            Beta2 = 0.99,
            Epsilon = 1e-6,
        };
        var w = RegressionProblem.Owned(torch.zeros(2));
        using var optimizer = options.CreateOptimizer([w]);
        using var state = OptimizerStateTensors.Capture(optimizer, [("w", w)]);
        Assert.That(optimizer.GetType().Name, Is.EqualTo(type));
        Assert.That(state.Metadata[OptimizerStateTensors.GroupsKey], Is.EqualTo("[" + group + "]"));
        w.Dispose();
    }
}
