using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

/// <summary>The CUDA caching allocator's statistics and device properties (<c>cuda_memory.cpp</c>).</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lt_cuda_memory_supported(out int supported);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_cuda_memory_stats(int device, long* values);

    [LibraryImport(Library)]
    internal static partial int lt_cuda_memory_reset_peak(int device);

    [LibraryImport(Library)]
    internal static partial int lt_cuda_memory_empty_cache();

    [LibraryImport(Library)]
    internal static unsafe partial int lt_cuda_device_properties(int device, byte* name, int nameCapacity, long* numbers);
}
