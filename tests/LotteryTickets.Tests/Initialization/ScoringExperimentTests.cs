using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Initialization;

public class ScoringExperimentTests
{
    [Test]
    public void ASnipBranchTrainsAMaskOfTheLevelsSparsity()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1).WithControl("snip").Build();

        var result = plan.Run();

        Assert.That(result.Runs.Select(r => (r.Key.Level, r.Key.Branch)), Is.EqualTo(new[] { (0, "main"), (1, "main"), (1, "snip") }));
        var main = result.Runs.Single(r => r.Key is { Level: 1, Branch: "main" });
        var snip = result.Runs.Single(r => r.Key.Branch == "snip");
        Assert.That(snip.PercentWeightsRemaining, Is.EqualTo(main.PercentWeightsRemaining));
        var mainMask = TinyExperiment.Load(plan.Layout.Run(0, 1).MaskFile);
        var snipMask = TinyExperiment.Load(plan.Layout.Run(0, 1, "snip").MaskFile);
        Assert.That(snipMask, Is.Not.EqualTo(mainMask), "SNIP chooses its own mask (global, so per-layer shares differ from IMP's)");
    }
}
