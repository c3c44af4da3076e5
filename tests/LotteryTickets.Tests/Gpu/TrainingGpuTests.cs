using TorchSharp;
using LotteryTickets.Native;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>
/// LeNet-300-100 and a quarter-width ResNet-20 train on the GPU with the <see cref="Training.Trainer"/>: the loss
/// falls and follows the CPU run's step by step; a long run keeps the device's used GPU memory flat. The CPU halves of
/// these runs are checked on every machine by <see cref="TrainingOnCpuTests"/>.
/// </summary>
/// <remarks>
/// Tolerances on the step losses, relative: LeNet-300-100 1e-3 (float32 matrix products summed in another order);
/// ResNet-20 5e-2, because cuDNN may compute float32 convolutions in TF32 (a 10-bit mantissa) on Ampere and later
/// GPUs, which libtorch allows by default, and batch norm carries those differences through the steps.
/// </remarks>
[Category("Gpu")]
public class TrainingGpuTests
{
    [SetUp]
    public void RequireCuda()
    {
        if (!torch.cuda.is_available() || !GpuMemory.IsAvailable)
        {
            Assert.Ignore("No CUDA device is available.");
        }
    }

    [Test]
    public void LeNet300100TrainsOnTheGpuAndItsLossFollowsTheCpuRun()
    {
        var cpu = DeviceTraining.LeNet300100(torch.CPU);
        var gpu = DeviceTraining.LeNet300100(torch.CUDA);

        Assert.That(gpu.TrainedOnDevice, Is.True, "every parameter and buffer is on the GPU");
        Assert.That(gpu.StepLosses, Has.Count.EqualTo(cpu.StepLosses.Count));
        var (first, last) = DeviceTraining.Ends(gpu.StepLosses, 5);
        Assert.That(last, Is.LessThan(0.5 * first));
        for (var i = 0; i < cpu.StepLosses.Count; i++)
        {
            Assert.That(gpu.StepLosses[i], Is.EqualTo(cpu.StepLosses[i]).Within(0.1).Percent, $"step {i + 1}");
        }

        Assert.That(gpu.Final.TestAccuracy, Is.EqualTo(cpu.Final.TestAccuracy).Within(2.0 / 64), "at most two of the 64 test samples flip");
    }

    [Test]
    public void AQuarterWidthResNet20TrainsOnTheGpuAndItsLossFollowsTheCpuRun()
    {
        var cpu = DeviceTraining.ResNet20(torch.CPU);
        var gpu = DeviceTraining.ResNet20(torch.CUDA);

        Assert.That(gpu.TrainedOnDevice, Is.True, "every parameter and buffer (batch-norm statistics included) is on the GPU");
        Assert.That(gpu.StepLosses, Has.Count.EqualTo(cpu.StepLosses.Count));
        var (first, last) = DeviceTraining.Ends(gpu.StepLosses, 3);
        Assert.That(last, Is.LessThan(first));
        for (var i = 0; i < cpu.StepLosses.Count; i++)
        {
            Assert.That(gpu.StepLosses[i], Is.EqualTo(cpu.StepLosses[i]).Within(5).Percent, $"step {i + 1}");
        }
    }

    [Test]
    public void TheTrainerKeepsUsedGpuMemoryFlatAfterWarmUp()
    {
        static long Used()
        {
            torch.cuda.synchronize();
            return GpuMemory.UsedBytes(0) ?? 0;
        }

        var readings = DeviceTraining.ProbeEveryStep(torch.CUDA, Used);

        // The first steps create the optimizer's momentum buffers and the gradients; after them every step, and the
        // evaluations every 5 steps, release all they allocate, so the device's used memory (the caching allocator's
        // pool included) stays where it was.
        var warm = readings.Skip(5).ToList();
        Assert.That(warm, Has.Count.EqualTo(35));
        Assert.That(warm[0], Is.GreaterThan(0));
        Assert.That(warm, Is.All.EqualTo(warm[0]), string.Join(", ", warm));
    }
}
