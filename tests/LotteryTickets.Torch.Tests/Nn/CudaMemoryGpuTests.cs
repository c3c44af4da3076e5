using LotteryTickets.Torch.Nn;
using LotteryTickets.Torch.Optim;

namespace LotteryTickets.Torch.Tests.Nn;

[Category("Gpu")]
public class CudaMemoryGpuTests
{
    [SetUp]
    public void RequireCuda()
    {
        if (!Cuda.IsAvailable || !CudaMemory.IsSupported)
        {
            Assert.Ignore("No CUDA device is available.");
        }
    }

    [Test]
    public void AllocatedMemoryStaysFlatOverALoopOfTrainingSteps()
    {
        using var outer = DisposeScope.Begin();
        using var model = TestModels.SmallConvNet(3);
        model.To(Device.Cuda0);
        using var sgd = new Sgd(model.Parameters(), new SgdOptions { LearningRate = 0.01, Momentum = 0.9 });
        using var generator = new Generator(7);
        var x = Tensor.Randn([16, 1, 8, 8], generator).To(Device.Cuda0);
        var y = Tensor.RandInt(0, 3, [16], generator).To(Device.Cuda0);

        void Step()
        {
            using var scope = DisposeScope.Begin();
            sgd.ZeroGrad();
            Functional.CrossEntropy(model.Forward(x), y).Backward();
            sgd.Step();
        }

        for (var i = 0; i < 5; i++)
        {
            Step(); // momentum buffers and gradients are created in the first steps
        }

        Cuda.Synchronize();
        var before = CudaMemory.GetStats();
        for (var i = 0; i < 200; i++)
        {
            Step();
        }

        Cuda.Synchronize();
        var after = CudaMemory.GetStats();
        Assert.That(before.AllocatedBytes, Is.GreaterThan(0));
        Assert.That(after.AllocatedBytes, Is.EqualTo(before.AllocatedBytes));
        Assert.That(after.PeakAllocatedBytes, Is.GreaterThanOrEqualTo(after.AllocatedBytes));
        Assert.That(after.ReservedBytes, Is.GreaterThanOrEqualTo(after.AllocatedBytes));
    }

    [Test]
    public void FreeingATensorLowersAllocatedBytesAndEmptyingTheCacheReturnsItsReservation()
    {
        var start = CudaMemory.GetStats();
        var t = Tensor.Zeros([64L << 20], device: Device.Cuda0); // 256 MiB
        var held = CudaMemory.GetStats();
        Assert.That(held.AllocatedBytes - start.AllocatedBytes, Is.EqualTo(256L << 20));
        t.Dispose();
        var freed = CudaMemory.GetStats();
        Assert.That(freed.AllocatedBytes, Is.EqualTo(start.AllocatedBytes));
        Assert.That(freed.ReservedBytes, Is.GreaterThanOrEqualTo(held.AllocatedBytes - start.AllocatedBytes));
        CudaMemory.EmptyCache();
        Assert.That(CudaMemory.GetStats().ReservedBytes, Is.LessThan(freed.ReservedBytes));
    }

    [Test]
    public void ResettingThePeakBringsItDownToTheCurrentAllocation()
    {
        using (Tensor.Zeros([32L << 20], device: Device.Cuda0))
        {
        }

        Assert.That(CudaMemory.GetStats().PeakAllocatedBytes, Is.GreaterThanOrEqualTo(128L << 20));
        CudaMemory.ResetPeakStats();
        var stats = CudaMemory.GetStats();
        Assert.That(stats.PeakAllocatedBytes, Is.EqualTo(stats.AllocatedBytes));
    }

    [Test]
    public void AnAllocationLargerThanTheGpuIsATorchExceptionWithTheSizesAndTheProcessCarriesOn()
    {
        var properties = CudaMemory.GetDeviceProperties();
        var elements = properties.TotalMemoryBytes / 4 * 2; // twice the device memory in float32
        var ex = Assert.Throws<TorchException>(() => Tensor.Zeros([elements], device: Device.Cuda0));
        Assert.That(ex!.Message, Does.Contain("out of memory").IgnoreCase.And.Contain("Tried to allocate").And.Contain("GiB"));
        using var scope = DisposeScope.Begin();
        Assert.That(Tensor.Ones([4], device: Device.Cuda0).Sum().To(Device.Cpu).ToArray<float>(), Is.EqualTo(new[] { 4f }));
    }

    [Test]
    public void TheDevicePropertiesDescribeARealGpuWithAPositiveBandwidthBound()
    {
        var p = CudaMemory.GetDeviceProperties();
        Assert.That(p.Name, Is.Not.Empty);
        Assert.That(p.TotalMemoryBytes, Is.GreaterThan(1L << 30));
        Assert.That(p.MultiprocessorCount, Is.GreaterThan(0));
        Assert.That(p.PeakMemoryBandwidthBytesPerSecond, Is.GreaterThan(1e11));
        Assert.That(() => CudaMemory.GetStats(Cuda.DeviceCount), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
