using LotteryTickets.Pruning;
using LotteryTickets.Masks;

namespace LotteryTickets.Tests.Pruning;

public sealed class GradualScheduleTests
{
    private static readonly IReadOnlyList<PrunableLayer> One = [Layers.Linear("w", 10, 100)];

    private static GradualSchedule Agp() => new(new GradualScheduleOptions
    {
        // AGP with t0 = 100, span nΔt = 400, Δt = 50, s_i = 0, s_f = 0.9 in a run of T = 1,000 iterations.
        Curve = SparsityCurve.Agp,
        FinalSparsity = 0.9,
        StartFraction = 0.1,
        EndFraction = 0.5,
        PruneEvery = 50,
    });

    // s_t = s_f + (s_i − s_f)(1 − (t − t0)/(nΔt))³ with s_i = 0, s_f = 0.9, t0 = 100, nΔt = 400:
    // t = 150: 0.9 − 0.9·0.875³ = 0.9 − 0.9·0.669921875 = 0.2970703125
    // t = 300: 0.9 − 0.9·0.5³ = 0.7875;  t = 450: 0.9 − 0.9·0.125³ = 0.8982421875;  t = 500: 0.9.
    [TestCase(150, 0.2970703125)]
    [TestCase(300, 0.7875)]
    [TestCase(450, 0.8982421875)]
    [TestCase(500, 0.9)]
    public void AgpFollowsTheCubicFormulaAtItsPruningSteps(long t, double expected)
    {
        var step = Agp().GetStep(t, 1000, One);
        Assert.That(step, Is.Not.Null);
        Assert.That(step!.Layers.Single().Amount.Kind, Is.EqualTo(PruneAmountKind.TargetSparsity));
        Assert.That(step.Layers.Single().Amount.Value, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void AgpPrunesOnlyEveryPruneEveryIterationsInsideItsWindow()
    {
        var schedule = Agp();
        var steps = Enumerable.Range(0, 1000).Where(t => schedule.GetStep(t, 1000, One) is not null).ToArray();

        // t0 = 100 itself has target s_i = 0, unchanged from the dense network, so it is no step.
        Assert.That(steps, Is.EqualTo(new[] { 150, 200, 250, 300, 350, 400, 450, 500 }));
        Assert.That(schedule.FirstPruningIteration(1000), Is.EqualTo(150));
        Assert.That(schedule.SparsityAt(99, 1000), Is.EqualTo(0));
        Assert.That(schedule.SparsityAt(320, 1000), Is.EqualTo(0.7875).Within(1e-12));
        Assert.That(schedule.SparsityAt(999, 1000), Is.EqualTo(0.9).Within(1e-12));
    }

    [Test]
    public void FasteraisIterativeScheduleFromTheLotteryTicketTutorialPrunesAtEpochs5And10And15()
    {
        // fasterai's tutorial: Schedule(sched_iterative, start_pct=0.25), sparsity 50%, 20 epochs; its log reads
        // 0% at the end of epochs 0–4, 16.67% for 5–9, 33.33% for 10–14, 50% for 15–19. With 10 batches per epoch:
        var schedule = GradualSchedules.Iterative(0.5, configure: o =>
        {
            o.StartFraction = 0.25;
            o.ResetAfterEachPrune = true;
        });
        const long total = 200;
        var atEpochEnd = Enumerable.Range(0, 20).Select(e => schedule.SparsityAt((e * 10) + 9, total)).ToArray();
        var expected = Enumerable.Range(0, 20).Select(e => e < 5 ? 0 : e < 10 ? 0.5 / 3 : e < 15 ? 1.0 / 3 : 0.5).ToArray();
        Assert.That(atEpochEnd, Is.EqualTo(expected).Within(1e-12));
        Assert.That(
            Enumerable.Range(0, (int)total).Where(t => schedule.GetStep(t, total, One) is not null),
            Is.EqualTo(new[] { 51, 101, 151 }));
    }

    [TestCase("one_shot", 0.5, 1.0)]
    [TestCase("iterative", 0.2, 1.0)]
    [TestCase("agp", 0.2, 1.0)]
    [TestCase("one_cycle", 0.0, 1.0)]
    [TestCase("lin", 0.0, 1.0)]
    [TestCase("cos", 0.0, 1.0)]
    [TestCase("dsd", 0.0, 1.0)]
    [TestCase("agp", 0.1, 0.7)]
    [TestCase("cos", 0.25, 0.75)]
    public void FasteraisSchedulesGiveTheSameTargetsAndPruningStepsAsFasteraiItself(string name, double start, double end)
    {
        const int total = 1000; // pct = t / 1000 is unchanged by fasterai's rounding to 3 decimals
        const double sparsity = 0.6;
        var reference = FasteraiReference.Simulate(name, sparsity, start, end, total);
        var schedule = FasteraiReference.Schedule(name, sparsity, o =>
        {
            o.StartFraction = start;
            o.EndFraction = end;
        });

        for (var t = 0; t < total; t++)
        {
            var step = schedule.GetStep(t, total, One);
            Assert.That(step is not null, Is.EqualTo(reference.Pruned[t]), $"whether iteration {t} prunes");
            Assert.That(schedule.SparsityAt(t, total), Is.EqualTo(reference.Sparsity[t]).Within(1e-12), $"sparsity at iteration {t}");
            if (step is not null)
            {
                Assert.That(step.Layers.Single().Amount.Value, Is.EqualTo(reference.Sparsity[t]).Within(1e-12), $"target at iteration {t}");
            }
        }
    }

    [Test]
    public void FasteraisPresetsStartWhereFasteraisDo()
    {
        Assert.That(GradualSchedules.OneShot(0.5).StartFraction, Is.EqualTo(0.5));
        Assert.That(GradualSchedules.Iterative(0.5).StartFraction, Is.EqualTo(0.2));
        Assert.That(GradualSchedules.Agp(0.5).StartFraction, Is.EqualTo(0.2));
        Assert.That(new[] { GradualSchedules.OneCycle(0.5), GradualSchedules.Cosine(0.5), GradualSchedules.Linear(0.5), GradualSchedules.Dsd(0.5) }
            .Select(s => (s.StartFraction, s.EndFraction)), Is.All.EqualTo((0.0, 1.0)));
        Assert.That(GradualSchedules.OneCycle(0.5).Curve.ToString(), Is.EqualTo("one_cycle(alpha=14, beta=6)"));
        Assert.That(GradualSchedules.Iterative(0.5, steps: 4).Curve.ToString(), Is.EqualTo("iterative(steps=4)"));
    }

    [Test]
    public void DenseSparseDenseLowersItsTargetInTheSecondHalf()
    {
        var schedule = GradualSchedules.Dsd(0.8, o => o.PruneEvery = 100);
        var targets = Enumerable.Range(0, 10).Select(i => schedule.GetStep(i * 100, 1000, One)?.Layers.Single().Amount.Value).ToArray();
        Assert.That(targets[0], Is.Null); // 0 at the start: no change from the dense network
        Assert.That(targets[5], Is.EqualTo(0.8).Within(1e-12));
        Assert.That(targets[6], Is.LessThan(targets[5]));
        Assert.That(targets[9], Is.LessThan(targets[6]));
    }

    [Test]
    public void LayerOverridesIgnoredLayersAndGlobalScopeShapeTheStep()
    {
        var layerwise = GradualSchedules.Linear(0.8, o =>
        {
            o.LayerSparsities["fc3.weight"] = 0.4;
            o.IgnoredLayers = ["fc2.weight"];
        });
        var step = layerwise.GetStep(500, 1000, Layers.LeNet300100)!;
        Assert.That(step.Layers.Select(l => (l.Layer.Name, l.Amount.Value)), Is.EqualTo(new[] { ("fc1.weight", 0.4), ("fc3.weight", 0.2) }));

        var global = GradualSchedules.Linear(0.8, o => o.Scope = PruningScope.Global).GetStep(500, 1000, Layers.LeNet300100)!;
        Assert.That(global.GlobalAmount, Is.EqualTo(PruneAmount.TargetSparsity(0.4)));
        Assert.That(global.Layers, Has.Count.EqualTo(3));
    }

    [Test]
    public void TheResetFlagsAreCarriedForTheRunner()
    {
        var plain = GradualSchedules.Agp(0.5);
        Assert.That((plain.ResetAfterEachPrune, plain.RewindEpoch, plain.ResetAtEnd), Is.EqualTo((false, 0, false)));
        IGradualPruneSchedule lth = GradualSchedules.Iterative(0.5, configure: o =>
        {
            o.ResetAfterEachPrune = true;
            o.RewindEpoch = 1;
            o.ResetAtEnd = true;
        });
        Assert.That((lth.ResetAfterEachPrune, lth.RewindEpoch, lth.ResetAtEnd), Is.EqualTo((true, 1, true)));
    }

    [Test]
    public void TheRewindPointMustComeNoLaterThanTheFirstPruningStep()
    {
        // Iterative from 25% of 20 epochs of 10 batches: first step at iteration 51 (epoch 5).
        GradualSchedule WithRewind(int epoch) => GradualSchedules.Iterative(0.5, configure: o =>
        {
            o.StartFraction = 0.25;
            o.ResetAfterEachPrune = true;
            o.RewindEpoch = epoch;
        });
        Assert.DoesNotThrow(() => WithRewind(5).CheckRewindPoint(10, 200));
        var e = Assert.Throws<ArgumentException>(() => WithRewind(6).CheckRewindPoint(10, 200));
        Assert.That(e!.Message, Does.StartWith(
            "The rewind point (start of epoch 6, iteration 60) comes after the first pruning step at iteration 51, but the weights to reset to must be saved before the first pruning step. Lower 'RewindEpoch' or start pruning later ('StartFraction')."));
    }

    [Test]
    public void IterationsOutsideTheRunAreRejected()
    {
        var schedule = GradualSchedules.Agp(0.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.GetStep(1000, 1000, One));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.GetStep(-1, 1000, One));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.SparsityAt(0, 0));
    }

    [Test]
    public void InvalidOptionsAreReportedAllAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradualSchedule(new GradualScheduleOptions
        {
            Curve = null!,
            InitialSparsity = 0.6,
            FinalSparsity = 0.5,
            StartFraction = 0.8,
            EndFraction = 0.4,
            PruneEvery = 0,
            RewindEpoch = 2,
        }));
        var nl = Environment.NewLine;
        Assert.That(e!.Message, Is.EqualTo(
            $"The 'GradualScheduleOptions' are invalid. Correct the following and try again:{nl}" +
            $"- 'Curve' is null; choose a shape such as SparsityCurve.Agp.{nl}" +
            $"- 'InitialSparsity' (0.6) is greater than 'FinalSparsity' (0.5); the final sparsity must be at least the initial one.{nl}" +
            $"- 'StartFraction' (0.8) is not before 'EndFraction' (0.4); the window must start before it ends.{nl}" +
            $"- 'PruneEvery' is 0; it must be at least 1.{nl}" +
            $"- 'RewindEpoch' is 2, but neither 'ResetAfterEachPrune' nor 'ResetAtEnd' is set, so nothing would rewind; set one of them or leave 'RewindEpoch' at 0. (Parameter 'options')"));
    }

    [Test]
    public void FractionsOutsideTheirRangesAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradualSchedule(new GradualScheduleOptions
        {
            FinalSparsity = 1,
            StartFraction = -0.1,
            EndFraction = 1.5,
            RewindEpoch = -1,
        }));
        Assert.That(e!.Message, Does.Contain("- 'FinalSparsity' is 1; it must be at least 0 and less than 1."));
        Assert.That(e.Message, Does.Contain("- 'StartFraction' is -0.1; it must be at least 0 and less than 1."));
        Assert.That(e.Message, Does.Contain("- 'EndFraction' is 1.5; it must be greater than 0 and at most 1."));
        Assert.That(e.Message, Does.Contain("- 'RewindEpoch' is -1; it must be at least 0."));
    }

    [Test]
    public void AUserCurvePlugsIntoTheSchedule()
    {
        var schedule = new GradualSchedule(new GradualScheduleOptions { Curve = new HalfThenFull(), FinalSparsity = 0.8, PruneEvery = 10 });
        var steps = Enumerable.Range(0, 100).Select(t => (t, step: schedule.GetStep(t, 100, One))).Where(x => x.step is not null)
            .Select(x => (x.t, x.step!.Layers.Single().Amount.Value)).ToArray();
        Assert.That(steps, Is.EqualTo(new[] { (0, 0.4), (50, 0.8) }));
    }

    private sealed class HalfThenFull : SparsityCurve
    {
        public override double Evaluate(double start, double end, double position) => position < 0.5 ? end / 2 : end;

        public override string ToString() => "half_then_full";
    }
}
