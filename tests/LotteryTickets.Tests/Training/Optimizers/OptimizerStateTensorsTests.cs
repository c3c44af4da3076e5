using LotteryTickets.Training;
using LotteryTickets.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training.Optimizers;

public class OptimizerStateTensorsTests
{
    private static readonly string NL = Environment.NewLine;

    private static readonly Dictionary<string, Func<Parameter[], optim.Optimizer>> Makers = new()
    {
        ["sgd_momentum_weight_decay"] = p => optim.SGD(p, 0.05, momentum: 0.9, weight_decay: 1e-3),
        ["sgd_nesterov_weight_decay"] = p => optim.SGD(p, 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-3),
        ["adam_weight_decay"] = p => optim.Adam(p, 0.01, weight_decay: 1e-2),
        ["adam_amsgrad_weight_decay"] = p => optim.Adam(p, 0.01, amsgrad: true, weight_decay: 1e-2),
        ["adamw"] = p => optim.AdamW(p, 0.01, weight_decay: 1e-2),
        ["adamw_amsgrad"] = p => optim.AdamW(p, 0.01, beta1: 0.8, beta2: 0.95, amsgrad: true, weight_decay: 0.1),
        ["rmsprop_weight_decay"] = p => optim.RMSProp(p, 0.01, weight_decay: 1e-3),
        ["rmsprop_momentum_centered"] = p => optim.RMSProp(p, 0.01, alpha: 0.9, eps: 1e-6, momentum: 0.5, centered: true, weight_decay: 1e-3),
        ["adagrad"] = p => optim.Adagrad(p, 0.05),
        ["adagrad_decay_accumulator"] = p => optim.Adagrad(p, 0.05, lr_decay: 0.01, weight_decay: 1e-3, initial_accumulator_value: 0.1, eps: 1e-10),
    };

    private string directory = null!;

    public static IEnumerable<string> MakerNames => Makers.Keys;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("lt-optim-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [TestCaseSource(nameof(MakerNames))]
    public void ResumingFromASavedStateContinuesBitForBit(string maker)
    {
        const int n = 4, m = 3;
        var problem = new RegressionProblem();
        var path = Path.Combine(directory, "optimizer.safetensors");

        // Uninterrupted: n + m steps, with a cosine schedule.
        var straight = problem.InitialParameters();
        using var straightOptimizer = Makers[maker]([.. straight.Select(p => p.Parameter)]);
        var straightScheduler = new LearningRateScheduler(straightOptimizer, lr => new CosineAnnealingSchedule(lr, tMax: 10));
        for (var i = 0; i < n + m; i++)
        {
            problem.Step(straight, straightOptimizer);
            straightScheduler.Step();
        }

        // Interrupted: n steps, save weights and optimizer state, load into fresh objects, m more steps.
        double[] weight, bias;
        var first = problem.InitialParameters();
        using (var optimizer = Makers[maker]([.. first.Select(p => p.Parameter)]))
        {
            var scheduler = new LearningRateScheduler(optimizer, lr => new CosineAnnealingSchedule(lr, tMax: 10));
            for (var i = 0; i < n; i++)
            {
                problem.Step(first, optimizer);
                scheduler.Step();
            }

            using var state = OptimizerStateTensors.Capture(optimizer, first);
            state.Save(path);
            (weight, bias) = (RegressionProblem.Values(first[0].Parameter), RegressionProblem.Values(first[1].Parameter));
            Assert.That(scheduler.Position, Is.EqualTo(n));
        }

        var resumed = RegressionProblem.Parameters(weight, bias);
        using (var optimizer = Makers[maker]([.. resumed.Select(p => p.Parameter)]))
        {
            using (var loaded = OptimizerStateTensors.Load(path))
            {
                loaded.Restore(optimizer, resumed);
            }

            var scheduler = new LearningRateScheduler(optimizer, lr => new CosineAnnealingSchedule(lr, tMax: 10)) { Position = n };
            for (var i = 0; i < m; i++)
            {
                problem.Step(resumed, optimizer);
                scheduler.Step();
            }

            using var resumedState = OptimizerStateTensors.Capture(optimizer, resumed);
            using var straightState = OptimizerStateTensors.Capture(straightOptimizer, straight);
            Assert.That(resumedState.Tensors.Keys, Is.EquivalentTo(straightState.Tensors.Keys));
            Assert.That(straightState.Tensors.All(e => TinyTask.SameBits(e.Value, resumedState.Tensors[e.Key])), Is.True, "optimizer state bit for bit");
            Assert.That(resumedState.Metadata, Is.EqualTo(straightState.Metadata));
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.That(TinyTask.SameBits(resumed[i].Parameter, straight[i].Parameter), Is.True, $"parameter {resumed[i].Name} bit for bit");
        }

        Assert.That(RegressionProblem.Values(resumed[0].Parameter), Is.Not.EqualTo(weight), "the resumed run trained");
        RegressionProblem.DisposeAll([.. straight, .. first, .. resumed]);
    }

    [Test]
    public void TheStateIsNamedByParameterAndRecordsTheGroups()
    {
        var parameters = Zeros(("a", [2]), ("b", [3]));
        using var adam = optim.Adam([.. parameters.Select(p => p.Parameter)], 1e-3, amsgrad: true);
        for (var step = 0; step < 2; step++)
        {
            foreach (var (_, p) in parameters)
            {
                p.grad = torch.ones_like(p);
            }

            adam.step();
        }

        using var state = OptimizerStateTensors.Capture(adam, parameters);
        Assert.That(state.Tensors.Keys.Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "state.a.exp_avg", "state.a.exp_avg_sq", "state.a.max_exp_avg_sq", "state.a.step",
            "state.b.exp_avg", "state.b.exp_avg_sq", "state.b.max_exp_avg_sq", "state.b.step",
        }));
        Assert.That(state.Tensors["state.b.step"].ToInt64(), Is.EqualTo(2));
        Assert.That(state.Tensors["state.b.step"].dtype, Is.EqualTo(ScalarType.Int64));
        Assert.That(state.OptimizerName, Is.EqualTo("Adam"));
        Assert.That(state.Metadata[OptimizerStateTensors.GroupsKey], Is.EqualTo(
            "[{\"params\":[\"a\",\"b\"],\"lr\":0.001,\"initial_lr\":0.001,\"weight_decay\":0,\"beta1\":0.9,\"beta2\":0.999,\"eps\":1E-08,\"amsgrad\":1,\"maximize\":0}]"));
        RegressionProblem.DisposeAll(parameters);
    }

    [Test]
    public void TheCaptureIsACopyThatLaterStepsDoNotChange()
    {
        var parameters = Zeros(("w", [2]));
        var w = parameters[0].Parameter;
        using var sgd = optim.SGD([w], 0.1, momentum: 0.9);
        using (var before = OptimizerStateTensors.Capture(sgd, parameters))
        {
            Assert.That(before.Tensors, Is.Empty, "SGD creates its momentum buffer at the first step");
        }

        w.grad = torch.ones(2, ScalarType.Float64);
        sgd.step();
        using var saved = OptimizerStateTensors.Capture(sgd, parameters);
        sgd.step();
        Assert.That(RegressionProblem.Values(saved.Tensors["state.w.momentum_buffer"]), Is.EqualTo(new double[] { 1, 1 }));
        RegressionProblem.DisposeAll(parameters);
    }

    [Test]
    public void AStateCrossesASafetensorsFileExactly()
    {
        var problem = new RegressionProblem();
        var parameters = problem.InitialParameters();
        using var adamw = optim.AdamW([.. parameters.Select(p => p.Parameter)], 0.01, amsgrad: true, weight_decay: 0.1);
        for (var i = 0; i < 3; i++)
        {
            problem.Step(parameters, adamw);
        }

        var path = Path.Combine(directory, "state.safetensors");
        using var state = OptimizerStateTensors.Capture(adamw, parameters);
        state.Save(path);
        using var loaded = OptimizerStateTensors.Load(path);
        Assert.That(loaded.Metadata, Is.EqualTo(state.Metadata));
        Assert.That(loaded.Tensors.Keys, Is.EquivalentTo(state.Tensors.Keys));
        Assert.That(state.Tensors.All(e => TinyTask.SameBits(e.Value, loaded.Tensors[e.Key])), Is.True);
        RegressionProblem.DisposeAll(parameters);
    }

    [Test]
    public void RestoringSetsTheGroupsLearningRatesAndClearsStateTheSavedOptimizerDidNotHave()
    {
        var one = Zeros(("w", [2]));
        var two = Zeros(("w", [2]));
        using var first = optim.SGD([one[0].Parameter], 0.1, momentum: 0.5);
        first.ParamGroups.First().LearningRate = 0.025;
        using var second = optim.SGD([two[0].Parameter], 0.1, momentum: 0.5);
        two[0].Parameter.grad = torch.ones(2, ScalarType.Float64);
        second.step();

        using (var state = OptimizerStateTensors.Capture(first, one))
        {
            state.Restore(second, two);
        }

        Assert.That(second.ParamGroups.First().LearningRate, Is.EqualTo(0.025));
        Assert.That(second.ParamGroups.First().InitialLearningRate, Is.EqualTo(0.1));
        using var after = OptimizerStateTensors.Capture(second, two);
        Assert.That(after.Tensors, Is.Empty, "the momentum buffer is gone, as in the saved optimizer");
        RegressionProblem.DisposeAll([.. one, .. two]);
    }

    [TestCase("sgd_momentum_weight_decay")]
    [TestCase("adam_amsgrad_weight_decay")]
    [TestCase("adamw")]
    [TestCase("rmsprop_momentum_centered")]
    [TestCase("adagrad_decay_accumulator")]
    public void CapturingAndRestoringLeaveNoTensorsBehind(string maker)
    {
        var problem = new RegressionProblem();
        var parameters = problem.InitialParameters();
        using var optimizer = Makers[maker]([.. parameters.Select(p => p.Parameter)]);
        problem.Step(parameters, optimizer);
        var before = TinyTask.SettledLiveTensors();
        using (var state = OptimizerStateTensors.Capture(optimizer, parameters))
        {
            state.Restore(optimizer, parameters);
            state.Restore(optimizer, parameters);
        }

        Assert.That(TinyTask.LiveTensors, Is.EqualTo(before), "the restored state replaces the old one, and the capture is released");
        RegressionProblem.DisposeAll(parameters);
    }

    [Test]
    public void AStateThatDoesNotFitIsRefusedWithEveryProblemListedAndNothingChanges()
    {
        var parameters = Zeros(("a", [2, 3]), ("b", [3]));
        using var adam = optim.Adam([.. parameters.Select(p => p.Parameter)], 0.1);
        parameters[0].Parameter.grad = torch.ones(2, 3, ScalarType.Float64);
        adam.step();
        using var good = OptimizerStateTensors.Capture(adam, parameters);

        var tensors = good.Tensors.ToDictionary(e => e.Key, e => e.Value.clone());
        tensors["state.a.exp_avg"].Dispose();
        tensors["state.a.exp_avg"] = torch.zeros(3, 2, ScalarType.Float64);
        tensors["state.c.exp_avg"] = torch.zeros(3, ScalarType.Float64);
        tensors["state.a.velocity"] = torch.zeros(2, 3, ScalarType.Float64);
        tensors["weights"] = torch.zeros(1);
        tensors["state.b.step"].Dispose();
        tensors.Remove("state.b.step");
        tensors["state.b.exp_avg_sq"].Dispose();
        tensors.Remove("state.b.exp_avg_sq");
        var metadata = good.Metadata.ToDictionary(e => e.Key, e => e.Value);
        metadata[OptimizerStateTensors.GroupsKey] = metadata[OptimizerStateTensors.GroupsKey].Replace("\"beta1\":0.9", "\"beta1\":0.5", StringComparison.Ordinal);
        using var bad = OptimizerStateTensors.FromTensors(tensors, metadata);

        var ex = Assert.Throws<ArgumentException>(() => bad.Restore(adam, parameters));
        Assert.That(ex!.Message, Does.StartWith($"The optimizer state does not fit this Adam; nothing was loaded. Fix the following:{NL}- "));
        Assert.That(ex.Message, Does.Contain("- 'beta1' of parameter group 0 is 0.5 in the state but 0.9 in this optimizer; create the optimizer with the options of the one that was saved."));
        Assert.That(ex.Message, Does.Contain("- 'state.a.exp_avg' has shape [3, 2] but the parameter 'a' has shape [2, 3]."));
        Assert.That(ex.Message, Does.Contain("- 'state.a.velocity' is not a state of Adam, whose states are 'exp_avg', 'exp_avg_sq', 'max_exp_avg_sq', 'step'."));
        Assert.That(ex.Message, Does.Contain("- 'state.c.exp_avg' is the state of a parameter 'c' that this optimizer does not have."));
        Assert.That(ex.Message, Does.Contain("- 'weights' is not an optimizer state entry; entries are named 'state.{parameter}.{state}'."));
        Assert.That(ex.Message, Does.Contain("- The parameter 'b' has some state but lacks 'state.b.exp_avg_sq', 'state.b.step'."));
        Assert.That(bad.GetProblems(adam, parameters), Has.Count.EqualTo(6));

        using var after = OptimizerStateTensors.Capture(adam, parameters);
        Assert.That(after.Metadata, Is.EqualTo(good.Metadata));
        Assert.That(good.Tensors.All(e => TinyTask.SameBits(e.Value, after.Tensors[e.Key])), Is.True, "nothing changed");
        RegressionProblem.DisposeAll(parameters);
    }

    [Test]
    public void AStateOfAnotherOptimizerOrOtherGroupsIsRefused()
    {
        var parameters = Zeros(("a", [2]), ("b", [2]));
        var flat = parameters.Select(p => p.Parameter).ToArray();
        using var sgd = optim.SGD(flat, 0.1);
        using var sgdState = OptimizerStateTensors.Capture(sgd, parameters);
        using var adam = optim.Adam(flat, 0.1);
        var ex = Assert.Throws<ArgumentException>(() => sgdState.Restore(adam, parameters));
        Assert.That(ex!.Message, Does.Contain("- The state is of a SGD optimizer, but this optimizer is a Adam; create the optimizer the saved one was."));

        using var twoGroups = optim.SGD([new SGD.ParamGroup([flat[0]]), new SGD.ParamGroup([flat[1]])], 0.1);
        ex = Assert.Throws<ArgumentException>(() => sgdState.Restore(twoGroups, parameters));
        Assert.That(ex!.Message, Does.Contain("- The state has 1 parameter groups, but this optimizer has 2; create the optimizer with the same groups as the one that was saved."));

        var renamed = new[] { ("x", flat[0]), ("b", flat[1]) };
        ex = Assert.Throws<ArgumentException>(() => sgdState.Restore(sgd, renamed));
        Assert.That(ex!.Message, Does.Contain("- Parameter group 0 of the state holds [a, b] but this optimizer's group 0 holds [x, b]"));
        RegressionProblem.DisposeAll(parameters);
    }

    [Test]
    public void AParameterWithoutANameIsRefused()
    {
        var parameters = Zeros(("a", [2]), ("b", [3]));
        using var sgd = optim.SGD([.. parameters.Select(p => p.Parameter)], 0.1);
        var ex = Assert.Throws<ArgumentException>(() => OptimizerStateTensors.Capture(sgd, parameters.Take(1)));
        Assert.That(ex!.Message, Does.StartWith("The optimizer's parameter 1 of group 0 (shape [3]) is not among the named parameters given"));
        RegressionProblem.DisposeAll(parameters);
    }

    private static (string Name, Parameter Parameter)[] Zeros(params (string Name, long[] Shape)[] shapes) =>
        [.. shapes.Select(s => (s.Name, RegressionProblem.Owned(torch.zeros(s.Shape, ScalarType.Float64))))];
}
