using LotteryTickets.Torch.Optim;
using LotteryTickets.Torch.Optim.Schedules;
using LotteryTickets.Torch.Serialization;

namespace LotteryTickets.Torch.Tests.Optim;

public class OptimizerStateTests
{
    private static readonly Func<Tensor[], Optimizer>[] Makers =
    [
        p => new Sgd(p, new SgdOptions { LearningRate = 0.05, Momentum = 0.9, Nesterov = true, WeightDecay = 1e-3 }),
        p => new Adam(p, new AdamOptions { LearningRate = 0.01, AmsGrad = true, WeightDecay = 1e-2 }),
        p => new AdamW(p, new AdamWOptions { LearningRate = 0.01 }),
    ];

    private string directory = null!;

    public static IEnumerable<int> MakerIndices => Enumerable.Range(0, Makers.Length);

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("lt-optim-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [TestCaseSource(nameof(MakerIndices))]
    public void ResumingFromASavedStateContinuesBitForBit(int maker)
    {
        const int n = 4, m = 3;
        var problem = new RegressionProblem();
        var path = Path.Combine(directory, "optimizer.safetensors");

        // Uninterrupted: n + m steps, with a cosine schedule.
        var straight = problem.InitialParameters();
        using (var optimizer = Makers[maker](straight))
        {
            var scheduler = new LearningRateScheduler(optimizer, lr => new CosineAnnealingSchedule(lr, tMax: 10));
            for (var i = 0; i < n + m; i++)
            {
                problem.Step(straight, optimizer);
                scheduler.Step();
            }
        }

        // Interrupted: n steps, save weights and optimizer state, load into fresh objects, m more steps.
        double[] weight, bias;
        using (var scope = DisposeScope.Begin())
        {
            var first = problem.InitialParameters();
            using var optimizer = Makers[maker](first);
            var scheduler = new LearningRateScheduler(optimizer, lr => new CosineAnnealingSchedule(lr, tMax: 10));
            for (var i = 0; i < n; i++)
            {
                problem.Step(first, optimizer);
                scheduler.Step();
            }

            SafeTensors.Save(path, optimizer.StateDict().ToTensors());
            (weight, bias) = (first[0].ToArray<double>(), first[1].ToArray<double>());
            Assert.That(scheduler.Position, Is.EqualTo(n));
        }

        var resumed = RegressionProblem.Parameters(weight, bias);
        using (var scope = DisposeScope.Begin())
        using (var optimizer = Makers[maker](resumed))
        {
            optimizer.LoadStateDict(OptimizerState.FromTensors(SafeTensors.Load(path)));
            var scheduler = new LearningRateScheduler(optimizer, lr => new CosineAnnealingSchedule(lr, tMax: 10)) { Position = n };
            for (var i = 0; i < m; i++)
            {
                problem.Step(resumed, optimizer);
                scheduler.Step();
            }
        }

        Assert.That(resumed[0].ToArray<double>(), Is.EqualTo(straight[0].ToArray<double>()));
        Assert.That(resumed[1].ToArray<double>(), Is.EqualTo(straight[1].ToArray<double>()));
        Assert.That(resumed[0].ToArray<double>(), Is.Not.EqualTo(weight), "the resumed run trained");
        foreach (var t in straight.Concat(resumed))
        {
            t.Dispose();
        }
    }

    [Test]
    public void TheStateDictUsesPyTorchsFlattenedNames()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.Zeros([2], ScalarType.Float64).RequiresGrad_();
        var b = Tensor.Zeros([3], ScalarType.Float64).RequiresGrad_();
        using var adam = new Adam([new ParameterGroup([a]), new ParameterGroup([b], learningRate: 0.5)], new AdamOptions { AmsGrad = true });
        a.Grad = Tensor.Ones([2], ScalarType.Float64);
        b.Grad = Tensor.Ones([3], ScalarType.Float64);
        adam.Step();
        adam.Step();

        var state = adam.StateDict();
        Assert.That(state.Tensors.Keys.Order(), Is.EqualTo(new[]
        {
            "param_groups.0.params", "param_groups.1.params",
            "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq", "state.0.step",
            "state.1.exp_avg", "state.1.exp_avg_sq", "state.1.max_exp_avg_sq", "state.1.step",
        }));
        Assert.That(state.Tensors["state.1.step"].ToInt64(), Is.EqualTo(2));
        Assert.That(state.Tensors["param_groups.1.params"].ToArray<long>(), Is.EqualTo(new long[] { 1 }));
        Assert.That(state.Hyperparameters["param_groups.1.lr"], Is.EqualTo(0.5));
        Assert.That(state.Hyperparameters["param_groups.0.lr"], Is.EqualTo(1e-3));
        Assert.That(state.Hyperparameters["param_groups.0.amsgrad"], Is.EqualTo(1));
        Assert.That(state.Hyperparameters["param_groups.0.beta2"], Is.EqualTo(0.999));
    }

    [Test]
    public void TheStateDictIsACopyThatLaterStepsDoNotChange()
    {
        using var scope = DisposeScope.Begin();
        var w = Tensor.Zeros([2], ScalarType.Float64).RequiresGrad_();
        using var sgd = new Sgd([w], new SgdOptions { Momentum = 0.9 });
        w.Grad = Tensor.Ones([2], ScalarType.Float64);
        sgd.Step();
        var saved = sgd.StateDict().Tensors["state.0.momentum_buffer"];
        sgd.Step();
        Assert.That(saved.ToArray<double>(), Is.EqualTo(new double[] { 1, 1 }));
    }

    [Test]
    public void AStateThatDoesNotFitIsRefusedWithEveryProblemListed()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.Zeros([2, 3], ScalarType.Float64).RequiresGrad_();
        var b = Tensor.Zeros([3], ScalarType.Float64).RequiresGrad_();
        using var adam = new Adam([a, b], new AdamOptions { LearningRate = 0.1 });
        a.Grad = Tensor.Ones([2, 3], ScalarType.Float64);
        adam.Step();
        var good = adam.StateDict();

        var tensors = new Dictionary<string, Tensor>(good.Tensors)
        {
            ["state.0.exp_avg"] = Tensor.Zeros([3, 2], ScalarType.Float64),
            ["state.1.exp_avg"] = Tensor.Zeros([3], ScalarType.Float64),
            ["state.5.exp_avg"] = Tensor.Zeros([3], ScalarType.Float64),
            ["state.0.velocity"] = Tensor.Zeros([2, 3], ScalarType.Float64),
            ["weights"] = Tensor.Zeros([1]),
        };
        tensors.Remove("state.0.step");
        var hyper = new Dictionary<string, double>(good.Hyperparameters)
        {
            ["param_groups.0.beta1"] = 0.5,
            ["param_groups.1.lr"] = 0.1,
        };

        var before = a.ToArray<double>();
        var ex = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(new OptimizerState(tensors, hyper)));
        var nl = Environment.NewLine;
        Assert.That(ex!.Message, Does.StartWith($"The optimizer state does not fit this Adam; nothing was loaded. Fix the following:{nl}- "));
        Assert.That(ex.Message, Does.Contain("- 'state.0.exp_avg' has shape [3, 2] but parameter 0 has shape [2, 3]."));
        Assert.That(ex.Message, Does.Contain("- 'state.0.velocity' is not a state of Adam, whose states are 'exp_avg', 'exp_avg_sq', 'max_exp_avg_sq', 'step'."));
        Assert.That(ex.Message, Does.Contain("- 'state.5.exp_avg' refers to parameter 5, but this optimizer has 2 parameters."));
        Assert.That(ex.Message, Does.Contain("- 'weights' is not an optimizer state entry"));
        Assert.That(ex.Message, Does.Contain("- Parameter 0 has some state but lacks 'state.0.step'."));
        Assert.That(ex.Message, Does.Contain("- Parameter 1 has some state but lacks 'state.1.exp_avg_sq', 'state.1.step'."));
        Assert.That(ex.Message, Does.Contain("- 'param_groups.0.beta1' is 0.5 in the state but 0.9 in this optimizer"));
        Assert.That(ex.Message, Does.Contain("- 'param_groups.1.lr' is not a hyper-parameter of this Adam with 1 parameter groups."));

        // Nothing changed: the next step is the same as without the failed load.
        Assert.That(adam.StateDict().Tensors["state.0.step"].ToInt64(), Is.EqualTo(1));
        Assert.That(a.ToArray<double>(), Is.EqualTo(before));
    }

    [Test]
    public void AStateForOtherGroupsIsRefused()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.Zeros([2]).RequiresGrad_();
        var b = Tensor.Zeros([2]).RequiresGrad_();
        using var one = new Sgd([a, b]);
        using var two = new Sgd([new ParameterGroup([Tensor.Zeros([2]).RequiresGrad_()]), new ParameterGroup([Tensor.Zeros([2]).RequiresGrad_()])]);
        var ex = Assert.Throws<ArgumentException>(() => two.LoadStateDict(one.StateDict()));
        Assert.That(ex!.Message, Does.Contain("'param_groups.0.params' lists parameters [0, 1] but group 0 of this optimizer holds parameters [0]"));
        Assert.That(ex.Message, Does.Contain("'param_groups.1.params' is missing."));
        Assert.That(ex.Message, Does.Contain("'param_groups.1.lr' is missing."));
    }

    [Test]
    public void LoadingRestoresGroupLearningRates()
    {
        using var scope = DisposeScope.Begin();
        using var first = new Sgd([Tensor.Zeros([2]).RequiresGrad_()], new SgdOptions { LearningRate = 0.1 });
        first.ParameterGroups[0].LearningRate = 0.025;
        using var second = new Sgd([Tensor.Zeros([2]).RequiresGrad_()], new SgdOptions { LearningRate = 0.1 });
        second.LoadStateDict(first.StateDict());
        Assert.That(second.ParameterGroups[0].LearningRate, Is.EqualTo(0.025));
        Assert.That(second.ParameterGroups[0].InitialLearningRate, Is.EqualTo(0.1));
    }
}
