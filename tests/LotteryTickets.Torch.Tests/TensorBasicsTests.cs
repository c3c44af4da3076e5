using LotteryTickets.Torch;

namespace LotteryTickets.Torch.Tests;

public class TensorBasicsTests
{
    [Test]
    public void ARoundTripThroughATensorKeepsValuesAndShape()
    {
        using var t = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Multiple(() =>
        {
            Assert.That(t.Shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(t.DType, Is.EqualTo(ScalarType.Float32));
            Assert.That(t.Device, Is.EqualTo(Device.Cpu));
            Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }));
        });
    }

    [Test]
    public void ReadingWithTheWrongElementTypeIsAClearError()
    {
        using var t = Tensor.FromArray(new long[] { 1, 2 });
        var ex = Assert.Throws<InvalidOperationException>(() => t.ToArray<float>());
        Assert.That(ex!.Message, Does.Contain("Int64").And.Contain("To(ScalarType.Float32)"));
    }

    [Test]
    public void AShapeThatDoesNotMatchTheDataIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[] { 1, 2, 3 }, 2, 2));
        Assert.That(ex!.Message, Does.Contain("[2, 2]").And.Contain("3 were given"));
    }

    [Test]
    public void UsingADisposedTensorThrowsObjectDisposed()
    {
        var t = Tensor.Zeros([3]);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _ = t.Shape);
        Assert.DoesNotThrow(t.Dispose);
    }

    [Test]
    public void AScopeDisposesWhatWasCreatedInsideItUnlessMovedOut()
    {
        var before = Tensor.LiveCount;
        Tensor kept;
        using (DisposeScope.Begin())
        {
            _ = Tensor.Ones([4]);
            _ = Tensor.Zeros([4]);
            kept = Tensor.Full([2], 3).MoveToOuterScope();
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(before + 1));
        Assert.That(kept.ToArray<float>(), Is.EqualTo(new float[] { 3, 3 }));
        kept.Dispose();
        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    [Test]
    public void NativeExceptionsOfEveryKindBecomeTorchExceptions()
    {
        TorchRuntime.EnsureInitialized();
        for (var kind = 0; kind < 3; kind++)
        {
            var status = Interop.NativeMethods.lt_test_throw(kind);
            var ex = Assert.Throws<TorchException>(() => Interop.NativeMethods.Check(status, "TestThrow"));
            Assert.That(ex!.Operation, Is.EqualTo("TestThrow"));
        }
    }

    [Test]
    public void TheSameGeneratorSeedGivesTheSameSamples()
    {
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        using var a = Tensor.Randn([5], g1);
        using var b = Tensor.Randn([5], g2);
        Assert.That(a.ToArray<float>(), Is.EqualTo(b.ToArray<float>()));
    }

    [Test]
    public void TheVersionIsTheLibtorchInUse()
    {
        Assert.That(TorchRuntime.TorchVersion, Does.Match(@"^\d+\.\d+\.\d+$"));
    }
}
