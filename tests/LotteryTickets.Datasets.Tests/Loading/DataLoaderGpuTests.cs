using LotteryTickets.Datasets.Loading;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Torch;

namespace LotteryTickets.Datasets.Tests.Loading;

[Category("Gpu")]
public class DataLoaderGpuTests
{
    [Test]
    public void BatchesAreCreatedOnTheChosenGpuWithTheSameValuesAsOnTheCpu()
    {
        if (!Cuda.IsAvailable)
        {
            Assert.Ignore("CUDA is not available.");
        }

        var data = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 50 });
        var gpu = new DataLoader(data, new DataLoaderOptions { BatchSize = 16, Seed = 2, Device = Device.Cuda0 });
        var cpu = new DataLoader(data, new DataLoaderOptions { BatchSize = 16, Seed = 2 });

        using var onGpu = gpu.Next();
        using var onCpu = cpu.Next();
        using var back = onGpu.Images.To(Device.Cpu);
        using var labelsBack = onGpu.Labels.To(Device.Cpu);

        Assert.Multiple(() =>
        {
            Assert.That(onGpu.Images.Device, Is.EqualTo(Device.Cuda0));
            Assert.That(onGpu.Labels.Device, Is.EqualTo(Device.Cuda0));
            Assert.That(back.ToArray<float>(), Is.EqualTo(onCpu.Images.ToArray<float>()));
            Assert.That(labelsBack.ToArray<long>(), Is.EqualTo(onCpu.Labels.ToArray<long>()));
        });
    }
}
