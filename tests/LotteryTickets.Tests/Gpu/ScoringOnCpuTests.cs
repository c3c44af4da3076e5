using LotteryTickets.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>The score computation of <see cref="ScoringGpuTests"/> on the CPU: every method scores every layer, reproducibly.</summary>
public class ScoringOnCpuTests
{
    [TestCase(LeNet300100.ZooName, 0.1, 3)]
    [TestCase("conv2", 0.125, 5)]
    public void ScoresComputedTwiceOnTheCpuAgreeAndCoverEveryLayer(string zooName, double width, int layers)
    {
        var (first, onCpu) = DeviceScoring.Compute(zooName, width, torch.CPU);
        var (second, _) = DeviceScoring.Compute(zooName, width, torch.CPU);

        Assert.That(onCpu, Is.True);
        Assert.That(first.Keys.Count(k => k.StartsWith("snip.", StringComparison.Ordinal)), Is.EqualTo(layers));
        Assert.That(first.Keys, Has.Count.EqualTo(3 * layers));
        Assert.That(first.Values.Select(v => v.Max(Math.Abs)), Is.All.GreaterThan(0), "every layer has a nonzero score");
        Assert.That(DeviceScoring.WorstDifference(first, second).Relative, Is.LessThan(1e-9));
    }
}
