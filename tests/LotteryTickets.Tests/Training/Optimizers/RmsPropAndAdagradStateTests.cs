using LotteryTickets.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training.Optimizers;

public class RmsPropAndAdagradStateTests
{
    [Test]
    public void AnRmsPropStateHoldsTheBuffersItsOptionsUse()
    {
        var problem = new RegressionProblem();
        var plain = problem.InitialParameters();
        var full = problem.InitialParameters();
        using var plainOptimizer = optim.RMSProp([.. plain.Select(p => p.Parameter)], 0.01);
        using var fullOptimizer = optim.RMSProp([.. full.Select(p => p.Parameter)], 0.01, alpha: 0.9, momentum: 0.5, centered: true);
        for (var i = 0; i < 2; i++)
        {
            problem.Step(plain, plainOptimizer);
            problem.Step(full, fullOptimizer);
        }

        using var plainState = OptimizerStateTensors.Capture(plainOptimizer, plain);
        using var fullState = OptimizerStateTensors.Capture(fullOptimizer, full);

        Assert.That(plainState.OptimizerName, Is.EqualTo("RMSProp"));
        Assert.That(plainState.Tensors.Keys.Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "state.bias.square_avg", "state.bias.step", "state.weight.square_avg", "state.weight.step",
        }));
        Assert.That(fullState.Tensors.Keys.Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "state.bias.grad_avg", "state.bias.momentum_buffer", "state.bias.square_avg", "state.bias.step",
            "state.weight.grad_avg", "state.weight.momentum_buffer", "state.weight.square_avg", "state.weight.step",
        }));
        Assert.That(fullState.Tensors["state.weight.step"].ToInt64(), Is.EqualTo(2));
        Assert.That(fullState.Metadata[OptimizerStateTensors.GroupsKey], Is.EqualTo(
            "[{\"params\":[\"weight\",\"bias\"],\"lr\":0.01,\"initial_lr\":0.01,\"weight_decay\":0,\"alpha\":0.9,\"eps\":1E-08,\"momentum\":0.5,\"centered\":1,\"maximize\":0}]"));
        RegressionProblem.DisposeAll([.. plain, .. full]);
    }

    [Test]
    public void AnAdagradStateHoldsItsSumAndStepFromTheStart()
    {
        var problem = new RegressionProblem();
        var parameters = problem.InitialParameters();
        using var adagrad = optim.Adagrad([.. parameters.Select(p => p.Parameter)], 0.05, lr_decay: 0.01, initial_accumulator_value: 0.25);
        using (var fresh = OptimizerStateTensors.Capture(adagrad, parameters))
        {
            Assert.That(RegressionProblem.Values(fresh.Tensors["state.bias.sum"]), Is.All.EqualTo(0.25), "the accumulator starts at its initial value");
            Assert.That(fresh.Tensors["state.bias.step"].ToInt64(), Is.Zero);
        }

        problem.Step(parameters, adagrad);
        using var state = OptimizerStateTensors.Capture(adagrad, parameters);

        Assert.That(state.OptimizerName, Is.EqualTo("Adagrad"));
        Assert.That(state.Tensors.Keys.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "state.bias.step", "state.bias.sum", "state.weight.step", "state.weight.sum" }));
        Assert.That(state.Tensors["state.weight.step"].ToInt64(), Is.EqualTo(1));
        Assert.That(state.Metadata[OptimizerStateTensors.GroupsKey], Is.EqualTo(
            "[{\"params\":[\"weight\",\"bias\"],\"lr\":0.05,\"initial_lr\":0.05,\"weight_decay\":0,\"lr_decay\":0.01,\"initial_accumulator_value\":0.25,\"eps\":1E-10}]"));
        RegressionProblem.DisposeAll(parameters);
    }

    [Test]
    public void AnAdagradParameterWithoutStateStartsFromTheInitialAccumulatorValue()
    {
        var problem = new RegressionProblem();
        var trained = problem.InitialParameters();
        using var source = optim.Adagrad([.. trained.Select(p => p.Parameter)], 0.05, initial_accumulator_value: 0.5);
        problem.Step(trained, source);
        using var captured = OptimizerStateTensors.Capture(source, trained);
        var onlyWeight = captured.Tensors.Where(e => e.Key.StartsWith("state.weight.", StringComparison.Ordinal)).ToDictionary(e => e.Key, e => e.Value.clone());
        using var partial = OptimizerStateTensors.FromTensors(onlyWeight, captured.Metadata);

        var target = problem.InitialParameters();
        using var optimizer = optim.Adagrad([.. target.Select(p => p.Parameter)], 0.05, initial_accumulator_value: 0.5);
        problem.Step(target, optimizer);
        partial.Restore(optimizer, target);

        using var after = OptimizerStateTensors.Capture(optimizer, target);
        Assert.That(TinyTask.SameBits(after.Tensors["state.weight.sum"], captured.Tensors["state.weight.sum"]), Is.True);
        Assert.That(RegressionProblem.Values(after.Tensors["state.bias.sum"]), Is.All.EqualTo(0.5), "a fresh accumulator, as before the first step");
        Assert.That(after.Tensors["state.bias.step"].ToInt64(), Is.Zero);
        RegressionProblem.DisposeAll([.. trained, .. target]);
    }

    [Test]
    public void AnRmsPropStateOfOtherOptionsIsRefusedWithWhatDiffers()
    {
        var problem = new RegressionProblem();
        var parameters = problem.InitialParameters();
        var flat = parameters.Select(p => p.Parameter).ToArray();
        using var centered = optim.RMSProp(flat, 0.01, momentum: 0.5, centered: true);
        problem.Step(parameters, centered);
        using var state = OptimizerStateTensors.Capture(centered, parameters);
        using var plain = optim.RMSProp(flat, 0.01);

        var ex = Assert.Throws<ArgumentException>(() => state.Restore(plain, parameters));

        Assert.That(ex!.Message, Does.StartWith("The optimizer state does not fit this RMSProp; nothing was loaded."));
        Assert.That(ex.Message, Does.Contain("- 'momentum' of parameter group 0 is 0.5 in the state but 0 in this optimizer; create the optimizer with the options of the one that was saved."));
        Assert.That(ex.Message, Does.Contain("- 'centered' of parameter group 0 is 1 in the state but 0 in this optimizer;"));
        Assert.That(ex.Message, Does.Contain("- 'state.weight.momentum_buffer' is momentum state but this optimizer has 'momentum' 0."));
        Assert.That(ex.Message, Does.Contain("- 'state.bias.grad_avg' is centered state but this optimizer has 'centered' off."));
        Assert.That(state.GetProblems(plain, parameters), Has.Count.EqualTo(6));
        RegressionProblem.DisposeAll(parameters);
    }

    [Test]
    public void EveryOptimizerTheTrainerBuildsHasItsStateCapturedAndRestored()
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
        {
            var problem = new RegressionProblem();
            var parameters = problem.InitialParameters();
            using var optimizer = new TrainingOptions { Optimizer = kind, LearningRate = 0.01 }.CreateOptimizer(parameters.Select(p => p.Parameter));
            problem.Step(parameters, optimizer);

            using var state = OptimizerStateTensors.Capture(optimizer, parameters);

            Assert.That(state.GetProblems(optimizer, parameters), Is.Empty, kind.ToString());
            RegressionProblem.DisposeAll(parameters);
        }
    }

    [Test]
    public void AnOptimizerWhoseStateIsNotConvertedIsNamedInTheError()
    {
        var problem = new RegressionProblem();
        var parameters = problem.InitialParameters();
        using var adadelta = optim.Adadelta([.. parameters.Select(p => p.Parameter)]);

        var ex = Assert.Throws<ArgumentException>(() => OptimizerStateTensors.Capture(adadelta, parameters));

        Assert.That(ex!.Message, Does.StartWith(
            "The optimizer is a Adadelta; only TorchSharp's SGD, Adam, AdamW, RMSProp and Adagrad have their state converted to tensors."));
        RegressionProblem.DisposeAll(parameters);
    }
}
