using System.Text;
using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

/// <summary>
/// GPU memory: the CUDA caching allocator's statistics, its cache, and device properties.
/// </summary>
/// <remarks>
/// Available when the native library was built against a CUDA libtorch (<see cref="IsSupported"/>) and a
/// GPU is present (<see cref="Cuda.IsAvailable"/>); otherwise every member but <see cref="IsSupported"/>
/// throws <see cref="InvalidOperationException"/> saying which of the two is missing. A CUDA allocation that
/// does not fit fails with a <see cref="TorchException"/> whose message is libtorch's, with the requested,
/// total, free and reserved sizes.
/// </remarks>
public static class CudaMemory
{
    /// <summary>Whether the loaded native library was built against a CUDA libtorch (with or without a GPU present).</summary>
    public static bool IsSupported
    {
        get
        {
            TorchRuntime.EnsureInitialized();
            NativeMethods.Check(NativeMethods.lt_cuda_memory_supported(out var s), nameof(IsSupported));
            return s != 0;
        }
    }

    /// <summary>The allocator's current and peak allocated and reserved bytes on <paramref name="device"/>.</summary>
    /// <param name="device">The CUDA device ordinal.</param>
    /// <exception cref="InvalidOperationException">CUDA is not available (see the remarks of <see cref="CudaMemory"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">No CUDA device has that ordinal.</exception>
    public static unsafe CudaMemoryStats GetStats(int device = 0)
    {
        RequireDevice(device, nameof(GetStats));
        var v = stackalloc long[4];
        NativeMethods.Check(NativeMethods.lt_cuda_memory_stats(device, v), nameof(GetStats));
        return new CudaMemoryStats(v[0], v[1], v[2], v[3]);
    }

    /// <summary>Starts the peak counters of <paramref name="device"/> again from the current values.</summary>
    /// <param name="device">The CUDA device ordinal.</param>
    /// <exception cref="InvalidOperationException">CUDA is not available.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No CUDA device has that ordinal.</exception>
    public static void ResetPeakStats(int device = 0)
    {
        RequireDevice(device, nameof(ResetPeakStats));
        NativeMethods.Check(NativeMethods.lt_cuda_memory_reset_peak(device), nameof(ResetPeakStats));
    }

    /// <summary>
    /// Returns the allocator's cached, unused blocks to the driver (PyTorch's <c>torch.cuda.empty_cache</c>).
    /// Memory held by live tensors stays allocated.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA is not available.</exception>
    public static void EmptyCache()
    {
        RequireDevice(0, nameof(EmptyCache));
        NativeMethods.Check(NativeMethods.lt_cuda_memory_empty_cache(), nameof(EmptyCache));
    }

    /// <summary>The name, memory size and memory system of <paramref name="device"/>.</summary>
    /// <param name="device">The CUDA device ordinal.</param>
    /// <exception cref="InvalidOperationException">CUDA is not available.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No CUDA device has that ordinal.</exception>
    public static unsafe CudaDeviceProperties GetDeviceProperties(int device = 0)
    {
        RequireDevice(device, nameof(GetDeviceProperties));
        const int capacity = 256;
        var name = stackalloc byte[capacity];
        var n = stackalloc long[5];
        NativeMethods.Check(NativeMethods.lt_cuda_device_properties(device, name, capacity, n), nameof(GetDeviceProperties));
        var text = Encoding.UTF8.GetString(name, new ReadOnlySpan<byte>(name, capacity).IndexOf((byte)0));
        return new CudaDeviceProperties(text, n[0], (int)n[1], n[2], (int)n[3], (int)n[4]);
    }

    private static void RequireDevice(int device, string operation)
    {
        if (!IsSupported)
        {
            throw new InvalidOperationException(
                $"CudaMemory.{operation} needs CUDA, which is not available: the native library '{TorchRuntime.NativeLibraryPath}' " +
                $"was built against a libtorch {TorchRuntime.TorchVersion} without CUDA. Build the shim against a CUDA libtorch " +
                "(eng/gpu/run.sh, or dotnet build -p:TorchCMakePrefix=PATH -p:NativeShimFlavor=cuda) and select it with " +
                "LOTTERYTICKETS_NATIVE_LIBRARY; check CudaMemory.IsSupported and Cuda.IsAvailable first.");
        }

        if (!Cuda.IsAvailable)
        {
            throw new InvalidOperationException(
                $"CudaMemory.{operation} needs a CUDA device, and none is available to this process (the native library has " +
                "CUDA support but the driver reports no GPU). Check Cuda.IsAvailable first.");
        }

        var count = Cuda.DeviceCount;
        if (device < 0 || device >= count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(device), device, $"The CUDA device {device} does not exist; use an ordinal from 0 to {count - 1}.");
        }
    }
}
