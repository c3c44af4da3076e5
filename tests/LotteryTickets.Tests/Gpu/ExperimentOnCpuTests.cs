using LotteryTickets.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>The experiment and the format description of <see cref="ExperimentGpuTests"/> on the CPU.</summary>
public class ExperimentOnCpuTests
{
    [Test]
    public void TwoCpuRunsOfTheBranchedExperimentSaveTheSameFormatAndTheDescriptionSeesMasksAndMetrics()
    {
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();
        var result = ExperimentFormat.Run(first.Path, torch.CPU);
        ExperimentFormat.Run(second.Path, torch.CPU);

        Assert.That(result.Runs.Select(r => r.Key.Branch).Distinct(), Is.EquivalentTo(new[] { "main" }.Concat(ExperimentFormat.Branches)));
        var description = ExperimentFormat.Describe(first.Path);
        Assert.That(ExperimentFormat.Describe(second.Path), Is.EqualTo(description));
        var masks = description.Where(d => d.Key.EndsWith("/mask.safetensors", StringComparison.Ordinal)).ToList();
        Assert.That(masks, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(masks.Where(m => !m.Key.Split('/').Contains("snip")).Select(m => m.Value), Is.All.Contains("fc1.weight Float32 [25,64] kept="));
        var snipMasks = masks.Where(m => m.Key.Split('/').Contains("snip")).Select(m => m.Value).ToList();
        Assert.That(snipMasks, Is.Not.Empty);
        Assert.That(snipMasks, Is.All.Contains("kept="));
        Assert.That(snipMasks, Is.All.Not.Contains(" kept="), "SNIP's per-layer counts are left out");
        Assert.That(description.Keys.Where(k => k.EndsWith("metrics.json", StringComparison.Ordinal)), Is.Not.Empty);
        Assert.That(description.Where(d => d.Key.EndsWith("metrics.json", StringComparison.Ordinal)).Select(d => d.Value), Is.All.StartsWith("{"));
    }
}
