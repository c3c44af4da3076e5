using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

/// <summary>CUDA availability and control.</summary>
public static class Cuda
{
    /// <summary>Whether the loaded libtorch has CUDA support and a GPU is present.</summary>
    public static bool IsAvailable
    {
        get
        {
            TorchRuntime.EnsureInitialized();
            NativeMethods.Check(NativeMethods.lt_cuda_is_available(out var a), nameof(IsAvailable));
            return a != 0;
        }
    }

    /// <summary>The number of CUDA devices visible to libtorch.</summary>
    public static int DeviceCount
    {
        get
        {
            TorchRuntime.EnsureInitialized();
            NativeMethods.Check(NativeMethods.lt_cuda_device_count(out var n), nameof(DeviceCount));
            return n;
        }
    }

    /// <summary>Seeds every CUDA device's default generator.</summary>
    public static void ManualSeedAll(ulong seed)
    {
        TorchRuntime.EnsureInitialized();
        NativeMethods.Check(NativeMethods.lt_cuda_manual_seed_all(seed), nameof(ManualSeedAll));
    }

    /// <summary>Waits for all work queued on the device to finish.</summary>
    public static void Synchronize(int device = 0)
    {
        TorchRuntime.EnsureInitialized();
        NativeMethods.Check(NativeMethods.lt_cuda_synchronize(device), nameof(Synchronize));
    }
}
