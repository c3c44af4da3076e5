namespace LotteryTickets.Torch.Tests;

/// <summary>What <see cref="CudaMemory"/> does where the native library has no CUDA (the CPU build).</summary>
public class CudaMemoryTests
{
    [SetUp]
    public void RequireCpuBuild()
    {
        if (CudaMemory.IsSupported)
        {
            Assert.Ignore("The native library has CUDA support; CudaMemoryGpuTests cover it.");
        }
    }

    [Test]
    public void AskingForAllocatorStatisticsWithoutCudaSaysCudaIsNotAvailableAndWhatToDo()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CudaMemory.GetStats());
        Assert.That(ex!.Message, Does.Contain("CudaMemory.GetStats needs CUDA").And.Contain("without CUDA").And.Contain("LOTTERYTICKETS_NATIVE_LIBRARY"));
    }

    [Test]
    public void EveryAllocatorOperationWithoutCudaThrowsTheSameClearError()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => CudaMemory.ResetPeakStats(), Throws.InvalidOperationException.With.Message.Contains("without CUDA"));
            Assert.That(CudaMemory.EmptyCache, Throws.InvalidOperationException.With.Message.Contains("without CUDA"));
            Assert.That(() => CudaMemory.GetDeviceProperties(), Throws.InvalidOperationException.With.Message.Contains("without CUDA"));
        });
    }

    [Test]
    public unsafe void TheNativeStatisticsCallOfACpuBuildFailsWithAMessageInsteadOfReturningZeros()
    {
        var values = stackalloc long[4];
        var status = Interop.NativeMethods.lt_cuda_memory_stats(0, values);
        Assert.That(status, Is.EqualTo(-1));
        var message = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Interop.NativeMethods.lt_last_error());
        Assert.That(message, Does.Contain("CUDA is not available").And.Contain("without CUDA"));
    }

    [Test]
    public void AnAllocationNoMemoryCanHoldIsATorchExceptionThatStatesTheSize()
    {
        // 2^50 float32 elements = 4 PiB: beyond any address space, so the allocator refuses it at once.
        var ex = Assert.Throws<TorchException>(() => Tensor.Zeros([1L << 25, 1L << 25]));
        Assert.That(ex!.Message, Does.Contain("4503599627370496"));
    }
}
