using LotteryTickets.Pruning;

namespace LotteryTickets.Tests.Pruning;

public sealed class IterativeRatesTests
{
    [Test]
    public void ByDefaultHiddenLayersLoseTwentyPercentAndTheOutputLayerTenPercentPerLevel()
    {
        var schedule = new IterativeRates();
        Assert.That(schedule.Levels, Is.EqualTo(10));
        Assert.That(schedule.Scope, Is.EqualTo(PruningScope.Layerwise));
        foreach (var level in new[] { 1, 5, 10 })
        {
            var step = schedule.GetLevel(level, Layers.LeNet300100);
            Assert.That(step.Scope, Is.EqualTo(PruningScope.Layerwise));
            Assert.That(step.GlobalAmount, Is.Null);
            Assert.That(step.Layers.Select(l => (l.Layer.Name, l.Amount)), Is.EqualTo(new[]
            {
                ("fc1.weight", PruneAmount.FractionOfRemaining(0.2)),
                ("fc2.weight", PruneAmount.FractionOfRemaining(0.2)),
                ("fc3.weight", PruneAmount.FractionOfRemaining(0.1)),
            }));
        }
    }

    [Test]
    public void PerLayerOverridesWinOverTheHiddenAndOutputRatesAndIgnoredLayersAreLeftOut()
    {
        var schedule = new IterativeRates(new IterativeRatesOptions
        {
            Rate = 0.15,
            OutputRate = 0.05,
            LayerRates = { ["conv1.weight"] = 0.1, ["fc3.weight"] = 0.3 },
            IgnoredLayers = ["fc2.weight"],
        });
        var step = schedule.GetLevel(2, Layers.Conv2);
        Assert.That(step.Layers.Select(l => (l.Layer.Name, l.Amount.Value)), Is.EqualTo(new[]
        {
            ("conv1.weight", 0.1), ("conv2.weight", 0.15), ("fc1.weight", 0.15), ("fc3.weight", 0.3),
        }));
        Assert.That(step.AmountFor("fc2.weight"), Is.Null);
        Assert.That(schedule.RateFor(Layers.Conv2[3]), Is.EqualTo(0));
    }

    [Test]
    public void GlobalScopeAppliesOneRateAcrossAllParticipatingLayers()
    {
        var schedule = new IterativeRates(new IterativeRatesOptions { Scope = PruningScope.Global, IgnoredLayers = ["fc3.weight"] });
        var step = schedule.GetLevel(1, Layers.LeNet300100);
        Assert.That(step.Scope, Is.EqualTo(PruningScope.Global));
        Assert.That(step.GlobalAmount, Is.EqualTo(PruneAmount.FractionOfRemaining(0.2)));
        Assert.That(step.Layers.Select(l => l.Layer.Name), Is.EqualTo(new[] { "fc1.weight", "fc2.weight" }));
        Assert.That(step.Layers.Select(l => l.Amount), Is.All.EqualTo(PruneAmount.FractionOfRemaining(0.2)));
    }

    [Test]
    public void AHiddenLayerKeeps100Then80Then64Then51Point2PercentAndTheOutputLayer100Then90Then81()
    {
        var schedule = new IterativeRates();
        var hidden = Layers.LeNet300100[0];
        var output = Layers.LeNet300100[2];
        var expectedHidden = new[] { 1, 0.8, 0.64, 0.512, 0.4096 };
        var expectedOutput = new[] { 1, 0.9, 0.81, 0.729, 0.6561 };
        for (var level = 0; level < expectedHidden.Length; level++)
        {
            Assert.That(schedule.FractionRemaining(hidden, level), Is.EqualTo(expectedHidden[level]).Within(1e-12));
            Assert.That(schedule.FractionRemaining(output, level), Is.EqualTo(expectedOutput[level]).Within(1e-12));
        }
    }

    [Test]
    public void ThePlannedPercentRemainingCountsWholeWeightsLevelByLevel()
    {
        var schedule = new IterativeRates();

        // Level 1: fc1 235,200 → 188,160; fc2 30,000 → 24,000; fc3 1,000 → 900; of 266,200 weights.
        // Level 2: 188,160 → 150,528; 24,000 → 19,200; 900 → 810.
        Assert.That(schedule.PercentRemaining(Layers.LeNet300100, 0), Is.EqualTo(100));
        Assert.That(schedule.PercentRemaining(Layers.LeNet300100, 1), Is.EqualTo(100.0 * 213_060 / 266_200).Within(1e-12));
        Assert.That(schedule.PercentRemaining(Layers.LeNet300100, 2), Is.EqualTo(100.0 * 170_538 / 266_200).Within(1e-12));

        // One layer of 1,000: 1000 → 800 → 640 → 512 → 409 (⌈102.4⌉ = 103 pruned).
        var single = new[] { Layers.Linear("w", 10, 100) };
        Assert.That(
            Enumerable.Range(0, 5).Select(l => schedule.PercentRemaining(single, l)),
            Is.EqualTo(new[] { 100, 80, 64, 51.2, 40.9 }).Within(1e-9));

        // Global, fc3 ignored: 265,200 participating → 212,160 after level 1, plus fc3's 1,000.
        var global = new IterativeRates(new IterativeRatesOptions { Scope = PruningScope.Global, IgnoredLayers = ["fc3.weight"] });
        Assert.That(global.PercentRemaining(Layers.LeNet300100, 1), Is.EqualTo(100.0 * 213_160 / 266_200).Within(1e-12));
    }

    [Test]
    public void LevelsOutsideTheScheduleAreRejected()
    {
        var schedule = new IterativeRates(new IterativeRatesOptions { Levels = 3 });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.GetLevel(4, Layers.LeNet300100));
        Assert.That(e!.Message, Does.StartWith("The level is 4; this schedule has levels 1 to 3. Ask for a level in that range."));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.GetLevel(0, Layers.LeNet300100));
    }

    [Test]
    public void NamesTheModelDoesNotHaveAreReportedWithTheLayersItHas()
    {
        var schedule = new IterativeRates(new IterativeRatesOptions { LayerRates = { ["fc4.weight"] = 0.1 }, IgnoredLayers = ["conv1.weight"] });
        var e = Assert.Throws<ArgumentException>(() => schedule.GetLevel(1, Layers.LeNet300100));
        Assert.That(e!.Message, Does.StartWith(
            "The schedule 'IterativeRates' names 'conv1.weight', 'fc4.weight', which the model does not have among its prunable layers 'fc1.weight', 'fc2.weight', 'fc3.weight'. Use the parameter names of the model."));
    }

    [Test]
    public void InvalidOptionsAreReportedAllAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new IterativeRates(new IterativeRatesOptions
        {
            Levels = 0,
            Rate = 1,
            OutputRate = -0.1,
            Scope = PruningScope.Global,
            LayerRates = { ["fc1.weight"] = 1.5 },
            IgnoredLayers = ["fc1.weight"],
        }));
        var nl = Environment.NewLine;
        Assert.That(e!.Message, Is.EqualTo(
            $"The 'IterativeRatesOptions' are invalid. Correct the following and try again:{nl}" +
            $"- 'Levels' is 0; it must be at least 1.{nl}" +
            $"- 'Rate' is 1; it must be at least 0 and less than 1.{nl}" +
            $"- 'OutputRate' is -0.1; it must be at least 0 and less than 1.{nl}" +
            $"- 'LayerRates[fc1.weight]' is 1.5; it must be at least 0 and less than 1.{nl}" +
            $"- 'LayerRates' is set but 'Scope' is Global, where one rate spans all layers; clear 'LayerRates' or use Layerwise scope.{nl}" +
            $"- The layer 'fc1.weight' is both ignored and given a rate in 'LayerRates'; keep one of the two. (Parameter 'options')"));
    }

    [Test]
    public void TheScheduleCopiesItsOptions()
    {
        var options = new IterativeRatesOptions { Rate = 0.3 };
        var schedule = new IterativeRates(options);
        options.Rate = 0.9;
        options.LayerRates["fc1.weight"] = 0.5;
        Assert.That(schedule.Rate, Is.EqualTo(0.3));
        Assert.That(schedule.LayerRates, Is.Empty);
    }

    [Test]
    public void TheOptionsListEveryProblemTheConstructorThrowsTogether()
    {
        var options = new IterativeRatesOptions { Levels = 0, Rate = 1.5, Scope = PruningScope.Global, LayerRates = { ["fc1.weight"] = 0.5 } };
        string[] expected =
        [
            "'Levels' is 0; it must be at least 1.",
            "'Rate' is 1.5; it must be at least 0 and less than 1.",
            "'LayerRates' is set but 'Scope' is Global, where one rate spans all layers; clear 'LayerRates' or use Layerwise scope.",
        ];

        Assert.That(options.GetValidationErrors(), Is.EqualTo(expected));
        var e = Assert.Throws<ArgumentException>(() => _ = new IterativeRates(options));
        Assert.That(e!.Message, Does.Contain(string.Join(Environment.NewLine, expected.Select(m => "- " + m))));
        Assert.That(new IterativeRatesOptions().GetValidationErrors(), Is.Empty);
        Assert.That(new GradualScheduleOptions { PruneEvery = 0 }.GetValidationErrors(), Is.EqualTo(new[] { "'PruneEvery' is 0; it must be at least 1." }));
        Assert.That(new OneShotOptions { Sparsity = 1 }.GetValidationErrors(), Is.EqualTo(new[] { "'Sparsity' is 1; it must be at least 0 and less than 1." }));
    }
}
