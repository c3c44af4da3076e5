using LotteryTickets.Experiments;
using TorchSharp;

namespace LotteryTickets.Tests.Experiments;

/// <summary>Where an experiment trains is said in one place: OnDevice, or TrainingOptions.Device; never two that differ.</summary>
public class ExperimentDeviceTests
{
    /// <summary>The device a builder's plan trains on (plans for CUDA build anywhere; running them needs CUDA).</summary>
    private static string ChosenDevice(LotteryExperiment builder) => builder.Build().Device.type.ToString().ToLowerInvariant();

    [Test]
    public void TheTrainingOptionsDeviceIsUsedWhenOnDeviceIsNotCalled()
    {
        Assert.That(ChosenDevice(TinyExperiment.Builder("store").WithTraining(o => o.Device = new torch.Device(DeviceType.CUDA))), Is.EqualTo("cuda"));
    }

    [Test]
    public void OnDeviceIsUsedWhenTheTrainingOptionsLeaveTheDefault()
    {
        Assert.That(ChosenDevice(TinyExperiment.Builder("store").OnDevice(new torch.Device(DeviceType.CUDA))), Is.EqualTo("cuda"));
    }

    [Test]
    public void TheSameDeviceSaidTwiceIsAccepted()
    {
        Assert.That(ChosenDevice(TinyExperiment.Builder("store").OnDevice(new torch.Device("cuda:0")).WithTraining(o => o.Device = new torch.Device(DeviceType.CUDA))), Is.EqualTo("cuda"));
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
