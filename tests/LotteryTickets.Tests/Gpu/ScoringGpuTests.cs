using LotteryTickets.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>
/// SNIP, GraSP and SynFlow scores computed on the GPU equal the CPU's (float64 on both, so within 1e-9 of each
/// layer's largest score: only the summation order differs). <see cref="ScoringOnCpuTests"/> runs the same code on
/// the CPU on every machine.
/// </summary>
[Category("Gpu")]
public class ScoringGpuTests
{
    [SetUp]
    public void RequireCuda()
    {
        if (!torch.cuda.is_available())
        {
            Assert.Ignore("No CUDA device is available.");
        }
    }

    [TestCase(LeNet300100.ZooName, 0.1)]
    [TestCase("conv2", 0.125)]
    public void ScoresComputedOnTheGpuEqualTheCpuScores(string zooName, double width)
    {
        var (cpu, _) = DeviceScoring.Compute(zooName, width, torch.CPU);
        var (gpu, onGpu) = DeviceScoring.Compute(zooName, width, torch.CUDA);

        Assert.That(onGpu, Is.True, "every score tensor is on the GPU");
        var (key, relative) = DeviceScoring.WorstDifference(cpu, gpu);
        Assert.That(relative, Is.LessThan(1e-9), key);
    }
}
