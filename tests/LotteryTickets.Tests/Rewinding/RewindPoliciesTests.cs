using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Rewinding;

public class RewindPoliciesTests
{
    [TestCase("init", "init", null)]
    [TestCase("none", "none", null)]
    [TestCase("iteration:500", "iteration:500", "500it")]
    [TestCase("epoch:1", "epoch:1", "1ep")]
    [TestCase("lr:epoch:1", "lr:epoch:1", "1ep")]
    [TestCase(" lr:iteration:0 ", "lr:iteration:0", "0it")]
    public void ParseReadsEveryPolicyAndItsNameRoundTrips(string text, string name, string? capture)
    {
        var policy = RewindPolicies.Parse(text);

        Assert.That(policy.Name, Is.EqualTo(name));
        Assert.That(policy.CapturePoint?.ToString(), Is.EqualTo(capture));
        Assert.That(RewindPolicies.Parse(policy.Name).Name, Is.EqualTo(name));
    }

    [TestCase("")]
    [TestCase("iteration:")]
    [TestCase("iteration:-1")]
    [TestCase("lr:none")]
    [TestCase("epoch:1.5")]
    [TestCase("Init")]
    public void ParseRejectsOtherTextNamingTheForms(string text)
    {
        var e = Assert.Throws<FormatException>(() => RewindPolicies.Parse(text));

        Assert.That(e!.Message, Is.EqualTo($"The rewind policy '{text}' is not valid: write 'init', 'none', 'iteration:K', 'epoch:K', 'lr:iteration:K' or 'lr:epoch:K' with K a whole number, for example 'iteration:500' or 'lr:epoch:1'."));
    }

    [Test]
    public void RewindingToInitializationStartsFromTheSavedInitialWeightsUnderTheMask()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1).Build();

        plan.Run();

        var init = TinyExperiment.Load(plan.Layout.Run(0, 0).StartFile);
        var start = TinyExperiment.Load(plan.Layout.Run(0, 1).StartFile);
        var mask = TinyExperiment.Load(plan.Layout.Run(0, 1).MaskFile);
        foreach (var (name, values) in start)
        {
            var expected = mask.TryGetValue(name, out var m) ? init[name].Select((v, i) => m[i] == 0 ? 0f : v).ToArray() : init[name];
            Assert.That(values, Is.EqualTo(expected), name);
        }
    }

    [Test]
    public void LateRewindingStartsFromTheCheckpointAndReproducesTheDenseRunFromThere()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path)
            .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 1, Rate = 0, OutputRate = 0 }))
            .WithRewind(RewindPolicies.ToIteration(10))
            .Build();

        var result = plan.Run();

        var dense = plan.Layout.Run(0, 0);
        var rewound = plan.Layout.Run(0, 1);
        using (var scope = TorchSharp.torch.NewDisposeScope())
        using (var checkpoint = TrainingCheckpoint.Load(Path.Combine(plan.Layout.TrialFolder(0), "rewind_point")))
        {
            Assert.That(checkpoint.Iteration, Is.EqualTo(10));
            var saved = checkpoint.ModelState.ToDictionary(e => e.Key, e => e.Value.contiguous().data<float>().ToArray());
            Assert.That(TinyExperiment.Load(rewound.StartFile), Is.EqualTo(saved));
        }

        Assert.That(File.ReadAllBytes(rewound.FinalFile), Is.EqualTo(File.ReadAllBytes(dense.FinalFile)));
        var denseEvaluations = result.Runs[0].Metrics.Evaluations.Where(e => e.Iteration >= 10).Select(e => (e.Iteration, e.ValidationLoss, e.TestAccuracy));
        var rewoundEvaluations = result.Runs[1].Metrics.Evaluations.Select(e => (e.Iteration, e.ValidationLoss, e.TestAccuracy));
        Assert.That(rewoundEvaluations, Is.EqualTo(denseEvaluations));
    }

    [Test]
    public void LearningRateRewindingKeepsTheTrainedWeightsAndRestartsAtThePoint()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1).WithRewind("lr:iteration:10").Build();

        var result = plan.Run();

        var trained = TinyExperiment.Load(plan.Layout.Run(0, 0).FinalFile);
        var start = TinyExperiment.Load(plan.Layout.Run(0, 1).StartFile);
        var mask = TinyExperiment.Load(plan.Layout.Run(0, 1).MaskFile);
        Assert.That(start["fc1.weight"], Is.EqualTo(trained["fc1.weight"].Select((v, i) => mask["fc1.weight"][i] == 0 ? 0f : v)));
        Assert.That(start["fc1.bias"], Is.EqualTo(trained["fc1.bias"]));
        Assert.That(result.Runs[1].Metrics.Evaluations[0].Iteration, Is.EqualTo(10));
    }

    [Test]
    public void FineTuningKeepsTheTrainedWeightsAndTrainsAFreshRun()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1).WithRewind(RewindPolicies.None).Build();

        var result = plan.Run();

        var trained = TinyExperiment.Load(plan.Layout.Run(0, 0).FinalFile);
        var start = TinyExperiment.Load(plan.Layout.Run(0, 1).StartFile);
        Assert.That(start["fc2.bias"], Is.EqualTo(trained["fc2.bias"]));
        Assert.That(result.Runs[1].Metrics.Evaluations[0].Iteration, Is.Zero);
        Assert.That(result.Runs[1].Metrics.Evaluations[^1].Iteration, Is.EqualTo(30));
    }
}
