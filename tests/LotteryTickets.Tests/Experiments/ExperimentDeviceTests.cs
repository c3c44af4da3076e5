using LotteryTickets.Experiments;
using TorchSharp;

namespace LotteryTickets.Tests.Experiments;

/// <summary>Where an experiment trains is said in one place: OnDevice, or TrainingOptions.Device; never two that differ.</summary>
public class ExperimentDeviceTests
{
    [Test]
    public void TheTrainingOptionsDeviceIsUsedWhenOnDeviceIsNotCalled()
    {
        var plan = TinyExperiment.Builder("store").WithTraining(o => o.Device = new torch.Device(DeviceType.CUDA)).Build();

        Assert.That(plan.Device.type, Is.EqualTo(DeviceType.CUDA));
    }

    [Test]
    public void OnDeviceIsUsedWhenTheTrainingOptionsLeaveTheDefault()
    {
        var plan = TinyExperiment.Builder("store").OnDevice(new torch.Device(DeviceType.CUDA)).Build();

        Assert.That(plan.Device.type, Is.EqualTo(DeviceType.CUDA));
    }

    [Test]
    public void TheSameDeviceSaidTwiceIsAccepted()
    {
        var plan = TinyExperiment.Builder("store").OnDevice(new torch.Device("cuda:0")).WithTraining(o => o.Device = new torch.Device(DeviceType.CUDA)).Build();

        Assert.That(plan.Device.type, Is.EqualTo(DeviceType.CUDA));
    }

    [Test]
    public void TwoDifferentDevicesAreAnErrorAtBuild()
    {
        var builder = TinyExperiment.Builder("store").OnDevice(torch.CPU).WithTraining(o => o.Device = new torch.Device(DeviceType.CUDA));

        var e = Assert.Throws<ExperimentValidationException>(() => builder.Build());

        Assert.That(e!.Errors, Is.EqualTo(new[]
        {
            "The experiment trains on 'cpu' (OnDevice) but its training options say 'cuda' (WithTraining: Device); say where it trains in one place, OnDevice or TrainingOptions.Device.",
        }));
    }
}
