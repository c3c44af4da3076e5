using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Initialization;

public class SmartRatioExperimentTests
{
    [Test]
    public void ASmartRatioBranchKeepsEachLevelsCountWithSmartRatioLayers()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path).WithControl("smart_ratio").Build();

        plan.Run();

        // The tiny MLP (64-25-20-4) has only linear layers: fc2 and fc3 keep ⌊0.3·n⌋ = 150 and 24, fc1 the rest of the level's count.
        foreach (var level in new[] { 1, 2 })
        {
            var main = TinyExperiment.Load(plan.Layout.Run(0, level).MaskFile);
            var branch = TinyExperiment.Load(plan.Layout.Run(0, level, "smart_ratio").MaskFile);
            var mainKept = main.Values.Sum(m => m.Count(v => v != 0));
            var kept = branch.ToDictionary(e => e.Key, e => e.Value.Count(v => v != 0));
            Assert.That(kept.Values.Sum(), Is.EqualTo(mainKept), $"level {level}");
            Assert.That((kept["fc2.weight"], kept["fc3.weight"]), Is.EqualTo((150, 24)), $"level {level}");
            Assert.That(branch["fc1.weight"], Is.Not.EqualTo(main["fc1.weight"]), $"level {level}");
            Assert.That(File.Exists(plan.Layout.Run(0, level, "smart_ratio").DoneMarker), Is.True);
        }
    }
}
