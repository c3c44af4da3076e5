using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Tickets;

public class TransformBranchExperimentTests
{
    [Test]
    public void ABranchOfSignedConstantThenFreezeInitPlugsIntoAnImpExperimentByName()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1).WithBranch("signed_frozen", "signed_constant", "freeze_init").Build();

        plan.Run();

        var init = TinyExperiment.Load(plan.Layout.Run(0, 0).StartFile);
        var mainStart = TinyExperiment.Load(plan.Layout.Run(0, 1).StartFile);
        var run = plan.Layout.Run(0, 1, "signed_frozen");
        Assert.That(run.IsDone, Is.True);
        foreach (var layer in new[] { "fc1.weight", "fc2.weight", "fc3.weight" })
        {
            var w = init[layer].Select(v => (double)v).ToArray();
            var sigma = Math.Sqrt(w.Sum(v => (v - w.Average()) * (v - w.Average())) / w.Length);
            var mask = TinyExperiment.Load(run.MaskFile)[layer];
            var start = TinyExperiment.Load(run.StartFile)[layer];
            var final = TinyExperiment.Load(run.FinalFile)[layer];
            var kept = Enumerable.Range(0, mask.Length).Where(i => mask[i] == 1).ToList();
            var pruned = Enumerable.Range(0, mask.Length).Where(i => mask[i] == 0).ToList();
            Assert.That(pruned, Is.Not.Empty, layer);
            Assert.That(kept.Select(i => (double)start[i]), Is.EqualTo(kept.Select(i => Math.Sign(init[layer][i]) * sigma)).Within(1e-3).Percent, layer);
            Assert.That(pruned.Select(i => start[i]), Is.EqualTo(pruned.Select(i => init[layer][i])), layer);
            Assert.That(pruned.Select(i => final[i]), Is.EqualTo(pruned.Select(i => init[layer][i])), layer);
            Assert.That(pruned.Select(i => mainStart[layer][i]), Is.All.EqualTo(0f), layer);
            Assert.That(kept.Count(i => final[i] != start[i]), Is.GreaterThan(kept.Count / 2), layer);
        }

        Assert.That(init["fc1.bias"], Is.EqualTo(TinyExperiment.Load(run.StartFile)["fc1.bias"]));
    }
}
