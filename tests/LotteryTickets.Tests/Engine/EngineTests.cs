using TorchSharp;
using LotteryTickets.Native;
using static TorchSharp.torch;
using Runtime = LotteryTickets.Native.Engine;

namespace LotteryTickets.Tests.EngineTests;

public class EngineTests
{
    [Test]
    public void VersionsAreReported()
    {
        Assert.That(Runtime.TorchSharpVersion, Does.StartWith("0.107"));
        Assert.That(Runtime.LibTorchVersion, Does.Match(@"^\d+\.\d+\.\d+$"));
    }

    [Test]
    public void TheThreadCountCanBeReadAndSet()
    {
        var before = Runtime.NumThreads;
        try
        {
            Runtime.NumThreads = 1;
            Assert.That(Runtime.NumThreads, Is.EqualTo(1));
        }
        finally
        {
            Runtime.NumThreads = before;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.NumThreads = 0);
    }

    [Test]
    public void TheLiveTensorCountFollowsCreationAndDisposal()
    {
        var before = Runtime.LiveTensorCount;
        var a = zeros(3);
        var b = ones(2);
        Assert.That(Runtime.LiveTensorCount, Is.EqualTo(before + 2));
        a.Dispose();
        b.Dispose();
        Assert.That(Runtime.LiveTensorCount, Is.EqualTo(before));
    }

    [Test]
    public void GpuMemoryAnswersOrSaysItCannot()
    {
        if (!GpuMemory.IsAvailable)
        {
            Assert.That(GpuMemory.Query(), Is.Null);
            Assert.That(GpuMemory.TryQuery(0, out var none), Is.False);
            Assert.That(none, Is.Null);
            Assert.That(GpuMemory.UsedBytes(), Is.Null);
            Assert.That(GpuMemory.TotalBytes(), Is.Null);
            return;
        }

        Assert.That(GpuMemory.Query(-1), Is.Null);
        Assert.That(GpuMemory.Query(100_000), Is.Null);
    }

    [Test]
    [Category("Gpu")]
    public void GpuMemoryReportsTheDeviceAndSeesAnAllocation()
    {
        if (!cuda.is_available() || !GpuMemory.IsAvailable)
        {
            Assert.Ignore("No CUDA device with an NVIDIA driver (NVML) is available.");
        }

        var before = GpuMemory.Query(0)!;
        Assert.That(before.TotalBytes, Is.GreaterThan(0));
        Assert.That(before.UsedBytes + before.FreeBytes, Is.LessThanOrEqualTo(before.TotalBytes));
        Assert.That(before.Name, Is.Not.Empty);
        using var big = zeros([256L << 20], ScalarType.Float32, new Device(DeviceType.CUDA, 0));
        cuda.synchronize();
        var after = GpuMemory.Query(0)!;
        Assert.That(after.UsedBytes - before.UsedBytes, Is.GreaterThanOrEqualTo(900L << 20), "a 1 GiB tensor shows in the used bytes");
    }
}
