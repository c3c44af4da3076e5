using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Pruning;

public class GradualPruningScheduleTests
{
    private const long T = 30;

    [Test]
    public void AgpFollowsTheCubicAtEveryPruningStepAndReachesTheFinalSparsityAtTheEndOfTheWindow()
    {
        const double final = 0.8, start = 0.1, end = 0.7;
        var schedule = GradualSchedules.Agp(final, o =>
        {
            o.StartFraction = start;
            o.EndFraction = end;
            o.PruneEvery = 3;
        });
        using var run = new GradualRun(schedule);
        run.Run();

        // Window [3, 21], candidates every 3 iterations; the target at iteration 3 is 0, so pruning starts at 6.
        Assert.That(run.Pruning.History.Select(h => h.Iteration), Is.EqualTo(new long[] { 6, 9, 12, 15, 18, 21 }));
        foreach (var entry in run.Pruning.History)
        {
            var position = (((double)entry.Iteration / T) - start) / (end - start);
            var target = final * (1 - Math.Pow(1 - position, 3));
            foreach (var layer in entry.Sparsity.Layers)
            {
                Assert.That(
                    (double)layer.Remaining,
                    Is.EqualTo(layer.Total * (1 - target)).Within(1.0),
                    $"'{layer.Name}' at iteration {entry.Iteration} follows s_t = s_f(1 − (1 − pos)³)");
            }
        }

        var last = run.Pruning.History[^1];
        Assert.That(last.Iteration, Is.EqualTo((long)(end * T)), "the final target is reached at the window's last iteration");
        foreach (var layer in last.Sparsity.Layers)
        {
            Assert.That(layer.Remaining, Is.EqualTo(layer.Total - (long)Math.Ceiling(final * layer.Total)), $"'{layer.Name}' at the final sparsity exactly");
            Assert.That(layer.PercentRemaining, Is.EqualTo(20.0).Within(100.0 / layer.Total));
        }

        Assert.That(run.Pruning.Mask.Sparsity().Remaining, Is.EqualTo(last.Sparsity.Remaining), "nothing is pruned after the window");
        Assert.That(GradualRun.RevivedWeights(run.Model, run.Pruning.Mask), Is.Zero);
    }

    [Test]
    public void OneShotPrunesOnceAtTheStartOfItsWindow()
    {
        using var run = new GradualRun(GradualSchedules.OneShot(0.6, o => o.StartFraction = 0.4));
        var result = run.Run();

        Assert.That(run.Pruning.History.Select(h => h.Iteration), Is.EqualTo(new long[] { 12 }));
        Assert.That(run.Pruning.History[0].Sparsity.Layers.Select(l => l.Remaining), Is.EqualTo(new long[] { 819, 51 }), "⌈0.6 × 2,048⌉ and ⌈0.6 × 128⌉ pruned, as open_lth rounds");
        Assert.That(result.IsComplete, Is.True);
        Assert.That(GradualRun.RevivedWeights(run.Model, run.Pruning.Mask), Is.Zero);
    }

    [Test]
    public void IterativePrunesInEqualJumpsAtTheStepsItsScheduleNames()
    {
        var schedule = GradualSchedules.Iterative(0.6, 3);
        using var run = new GradualRun(schedule);
        run.Run();

        var layers = run.Pruning.Layers;
        var expected = Enumerable.Range(0, (int)T).Where(t => schedule.GetStep(t, T, layers) is not null).Select(t => (long)t).ToList();
        Assert.That(expected, Has.Count.EqualTo(3), "three jumps in the window");
        Assert.That(run.Pruning.History.Select(h => h.Iteration), Is.EqualTo(expected));
        Assert.That(
            run.Pruning.History.Select(h => h.Sparsity.Layers[0].Remaining),
            Is.EqualTo(new long[] { 2048 - 410, 2048 - 820, 2048 - 1229 }),
            "20%, 40%, 60% of the first layer's 2,048 weights");
    }

    [TestCase(OptimizerKind.Sgd)]
    [TestCase(OptimizerKind.Adam)]
    public void PrunedWeightsStayExactlyZeroBetweenPruningStepsWhateverTheOptimizer(OptimizerKind optimizer)
    {
        var options = TinyTask.Options();
        options.Optimizer = optimizer;
        options.Momentum = optimizer == OptimizerKind.Sgd ? 0.9 : 0;
        options.LearningRate = optimizer == OptimizerKind.Sgd ? 0.05 : 0.01;
        options.WeightDecay = 1e-2;
        GradualRun? run = null;
        var checkedSteps = 0;
        var probe = new Probe
        {
            AfterOptimizerStep = _ =>
            {
                Assert.That(GradualRun.RevivedWeights(run!.Model, run.Pruning.Mask), Is.Zero, "pruned weights after the optimizer step");
                checkedSteps++;
            },
        };
        run = new GradualRun(GradualSchedules.Agp(0.7, o => o.PruneEvery = 4), options, more: probe);
        using (run)
        {
            var result = run.Run();

            Assert.That(run.Pruning.History, Has.Count.GreaterThan(3));
            Assert.That(checkedSteps, Is.EqualTo(T));
            Assert.That(result.Final!.ValidationLoss, Is.LessThan(result.Evaluations[0].ValidationLoss), "the pruned network still learns");
            using var scope = NewDisposeScope();
            var weights = run.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var name in run.Pruning.Mask.Names)
            {
                var kept = run.Pruning.Mask[name].count_nonzero().ToInt64();
                Assert.That(weights[name].detach().count_nonzero().ToInt64(), Is.EqualTo(kept), $"the kept weights of '{name}' train (none stuck at zero)");
            }
        }
    }

    [Test]
    public void AFallingTargetRegrowsWeightsAsZerosThatThenTrain()
    {
        var schedule = GradualSchedules.Dsd(0.6, o => o.PruneEvery = 3);
        Tensor? previous = null;
        var regrowths = 0;
        GradualRun? run = null;
        var probe = new Probe
        {
            BeforeStep = s =>
            {
                var history = run!.Pruning.History;
                if (history.Count == 0 || history[^1].Iteration != s.Iteration)
                {
                    return;
                }

                using var scope = NewDisposeScope();
                var mask = run.Pruning.Mask["body.1.weight"];
                if (previous is not null && history.Count >= 2 && history[^1].PercentRemaining > history[^2].PercentRemaining)
                {
                    var regrown = mask.ne(0).logical_and(previous.eq(0));
                    Assert.That(regrown.count_nonzero().ToInt64(), Is.GreaterThan(0), $"weights grow back at iteration {s.Iteration}");
                    var weight = s.Model.named_parameters().Single(p => p.name == "body.1.weight").parameter.detach();
                    Assert.That(weight.masked_select(regrown).count_nonzero().ToInt64(), Is.Zero, "regrown weights start at zero");
                    regrowths++;
                }

                previous?.Dispose();
                previous = mask.clone().DetachFromDisposeScope();
            },
        };
        run = new GradualRun(schedule, more: probe);
        using (run)
        {
            run.Run();
            previous?.Dispose();

            var remaining = run.Pruning.History.Select(h => h.PercentRemaining).ToList();
            var peak = remaining.IndexOf(remaining.Min());
            Assert.That(peak, Is.GreaterThan(0).And.LessThan(remaining.Count - 1), "the sparsity rises, then falls");
            Assert.That(regrowths, Is.EqualTo(remaining.Count - 1 - peak));
            foreach (var entry in run.Pruning.History)
            {
                var target = schedule.SparsityAt(entry.Iteration, T);
                foreach (var layer in entry.Sparsity.Layers)
                {
                    Assert.That((double)layer.Remaining, Is.EqualTo(layer.Total * (1 - target)).Within(1.0), $"'{layer.Name}' at iteration {entry.Iteration}");
                }
            }

            using var scope = NewDisposeScope();
            var weight = run.Model.named_parameters().Single(p => p.name == "body.1.weight").parameter.detach();
            Assert.That(weight.count_nonzero().ToInt64(), Is.EqualTo(run.Pruning.Mask["body.1.weight"].count_nonzero().ToInt64()), "regrown weights trained away from zero");
        }
    }

    [Test]
    public void GlobalScopeMeetsTheTargetOverThePooledLayersAndLeavesIgnoredLayersDense()
    {
        var schedule = GradualSchedules.OneShot(0.75, o =>
        {
            o.Scope = PruningScope.Global;
            o.IgnoredLayers = ["body.4.weight"];
        });
        using var run = new GradualRun(schedule);
        run.Run();

        var sparsity = run.Pruning.Mask.Sparsity();
        Assert.That(sparsity["body.1.weight"].Remaining, Is.EqualTo(512), "the only pooled layer keeps ⌊25% of 2,048⌋");
        Assert.That(sparsity["body.4.weight"].Remaining, Is.EqualTo(128), "the ignored layer stays dense");
        Assert.That(GradualRun.RevivedWeights(run.Model, run.Pruning.Mask), Is.Zero);
    }

    [Test]
    public void TheSameSeedGivesTheSameMasksAndAnotherSeedOthers()
    {
        var schedule = GradualSchedules.Agp(0.5, o => o.PruneEvery = 5);
        using var first = new GradualRun(schedule, criterion: MaskCriteria.Random, pruningSeed: 11);
        using var second = new GradualRun(schedule, criterion: MaskCriteria.Random, pruningSeed: 11);
        using var other = new GradualRun(schedule, criterion: MaskCriteria.Random, pruningSeed: 12);
        first.Run();
        second.Run();
        other.Run();

        Assert.That(first.Pruning.Mask.ContentEquals(second.Pruning.Mask), Is.True);
        Assert.That(TinyTask.SameWeights(first.Model, second.Model), Is.True);
        Assert.That(first.Pruning.Mask.ContentEquals(other.Pruning.Mask), Is.False);
        Assert.That(other.HistoryText(), Is.EqualTo(first.HistoryText()), "the counts depend on the schedule only");
    }
}
