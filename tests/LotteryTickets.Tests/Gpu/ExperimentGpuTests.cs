using LotteryTickets.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>
/// A short IMP experiment with transform branches (<c>signed_constant</c> + <c>freeze_init</c>, and a <c>snip</c>
/// control) runs end to end on the GPU, and what it saves has the format of the CPU run's: the same files, tensor
/// names, dtypes and shapes, the same kept counts per mask layer, the same JSON and CSV structure.
/// <see cref="ExperimentOnCpuTests"/> runs the same comparison between two CPU runs on every machine.
/// </summary>
[Category("Gpu")]
public class ExperimentGpuTests
{
    [SetUp]
    public void RequireCuda()
    {
        if (!torch.cuda.is_available())
        {
            Assert.Ignore("No CUDA device is available.");
        }
    }

    [Test]
    public void AnImpExperimentWithTransformBranchesRunsOnTheGpuAndSavesWhatTheCpuRunSaves()
    {
        using var cpuStore = new TemporaryFolder();
        using var gpuStore = new TemporaryFolder();
        var cpu = ExperimentFormat.Run(cpuStore.Path, torch.CPU);
        var gpu = ExperimentFormat.Run(gpuStore.Path, torch.CUDA);

        Assert.That(gpu.Runs.Select(r => (r.Key.Level, r.Key.Branch)), Is.EqualTo(cpu.Runs.Select(r => (r.Key.Level, r.Key.Branch))));
        Assert.That(gpu.Runs.Select(r => r.PercentWeightsRemaining), Is.EqualTo(cpu.Runs.Select(r => r.PercentWeightsRemaining)));
        Assert.That(gpu.Runs.Select(r => r.Metrics.FinalTestAccuracy), Is.All.GreaterThan(0.25), "every run learned more than chance (4 classes)");
        var expected = ExperimentFormat.Describe(cpuStore.Path);
        var actual = ExperimentFormat.Describe(gpuStore.Path);
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys));
        foreach (var (file, description) in expected)
        {
            Assert.That(actual[file], Is.EqualTo(description), file);
        }
    }
}
