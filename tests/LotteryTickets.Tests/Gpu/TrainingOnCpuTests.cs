using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>
/// The runs of <see cref="TrainingGpuTests"/> on the CPU: they are deterministic (the GPU runs are compared with
/// them), their loss falls by the margins asserted on the GPU, and a long run leaves no tensor behind after warm-up
/// (the CPU's counterpart of flat allocated GPU memory).
/// </summary>
public class TrainingOnCpuTests
{
    [Test]
    public void LeNet300100TrainsOnTheCpuAndTwoRunsAgreeExactly()
    {
        var a = DeviceTraining.LeNet300100(torch.CPU);
        var b = DeviceTraining.LeNet300100(torch.CPU);

        Assert.That(a.TrainedOnDevice, Is.True);
        Assert.That(a.StepLosses, Has.Count.EqualTo(30));
        var (first, last) = DeviceTraining.Ends(a.StepLosses, 5);
        Assert.That(last, Is.LessThan(0.5 * first));
        Assert.That(b.StepLosses, Is.EqualTo(a.StepLosses));
    }

    [Test]
    public void AQuarterWidthResNet20TrainsOnTheCpuAndTwoRunsAgreeExactly()
    {
        var a = DeviceTraining.ResNet20(torch.CPU);
        var b = DeviceTraining.ResNet20(torch.CPU);

        Assert.That(a.StepLosses, Has.Count.EqualTo(24));
        var (first, last) = DeviceTraining.Ends(a.StepLosses, 3);
        Assert.That(last, Is.LessThan(first * 0.9), "the loss falls by more than the GPU comparison's 5% tolerance, " + string.Join(", ", a.StepLosses));
        Assert.That(b.StepLosses, Is.EqualTo(a.StepLosses));
    }

    [Test]
    public void TheTrainerLeavesNoTensorBehindAfterWarmUp()
    {
        var readings = DeviceTraining.ProbeEveryStep(torch.CPU, () => LotteryTickets.Native.Engine.LiveTensorCount);

        var warm = readings.Skip(5).ToList();
        Assert.That(warm, Has.Count.EqualTo(35));
        Assert.That(warm, Is.All.EqualTo(warm[0]), string.Join(", ", warm));
    }
}
