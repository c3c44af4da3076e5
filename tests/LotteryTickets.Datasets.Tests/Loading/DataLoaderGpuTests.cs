using LotteryTickets.Datasets.Loading;
using LotteryTickets.Datasets.Synthetic;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Tests.Loading;

[Category("Gpu")]
public class DataLoaderGpuTests
{
    [Test]
    public void BatchesAreCreatedOnTheChosenGpuWithTheSameValuesAsOnTheCpu()
    {
        if (!torch.cuda.is_available())
        {
            Assert.Ignore("CUDA is not available.");
        }

        var data = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 50 });
        var gpu = new DataLoader(data, new DataLoaderOptions { BatchSize = 16, Seed = 2, Device = torch.CUDA });
        var cpu = new DataLoader(data, new DataLoaderOptions { BatchSize = 16, Seed = 2 });

        using var onGpu = gpu.Next();
        using var onCpu = cpu.Next();
        using var back = onGpu.Images.cpu();
        using var labelsBack = onGpu.Labels.cpu();

        Assert.Multiple(() =>
        {
            Assert.That(onGpu.Images.device_type, Is.EqualTo(DeviceType.CUDA));
            Assert.That(onGpu.Labels.device_type, Is.EqualTo(DeviceType.CUDA));
            Assert.That(back.data<float>().ToArray(), Is.EqualTo(onCpu.Images.data<float>().ToArray()));
            Assert.That(labelsBack.data<long>().ToArray(), Is.EqualTo(onCpu.Labels.data<long>().ToArray()));
        });
    }
}
