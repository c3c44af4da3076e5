using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static unsafe partial int lt_cat(IntPtr* tensors, long count, long dim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_stack(IntPtr* tensors, long count, long dim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_split(TensorHandle a, long splitSize, long* sizes, long nsizes, long dim, IntPtr* results, long capacity, out long count);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_chunk(TensorHandle a, long chunks, long dim, IntPtr* results, long capacity, out long count);
}
