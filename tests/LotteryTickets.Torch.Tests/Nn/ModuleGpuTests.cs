using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

[Category("Gpu")]
public class ModuleGpuTests
{
    [SetUp]
    public void RequireCuda()
    {
        if (!Cuda.IsAvailable)
        {
            Assert.Ignore("No CUDA device is available.");
        }
    }

    [Test]
    public void MovingAModelToTheGpuKeepsEveryTensorObjectAndItsResultsMatchTheCpus()
    {
        using var scope = DisposeScope.Begin();
        using var model = TestModels.SmallConvNet(5).To(ScalarType.Float64);
        model.Eval();
        var x = Tensor.Randn([2, 1, 8, 8], new Generator(1), ScalarType.Float64);
        var onCpu = model.Forward(x).ToArray<double>();
        var tensors = model.Parameters().Concat(model.Buffers()).ToList();

        model.To(Device.Cuda0);

        Assert.That(model.Parameters().Concat(model.Buffers()), Is.EqualTo(tensors).Using<Tensor>(ReferenceEquals));
        Assert.That(tensors.Select(t => t.Device), Is.All.EqualTo(Device.Cuda0));
        var onGpu = model.Forward(x.To(Device.Cuda0)).To(Device.Cpu).ToArray<double>();
        Assert.That(onGpu, Is.EqualTo(onCpu).Within(1e-9));
    }

    [Test]
    public void AnOutOfRangeClassTargetOnTheGpuIsAnExceptionNotADeviceAssertion()
    {
        using var scope = DisposeScope.Begin();
        var logits = Tensor.Zeros([2, 3], device: Device.Cuda0);
        var targets = Tensor.FromArray(new long[] { 0, 3 }).To(Device.Cuda0);
        var ex = Assert.Throws<TorchException>(() => Functional.CrossEntropy(logits, targets));
        Assert.That(ex!.Message, Does.Contain("outside [0, 3)"));
    }
}
