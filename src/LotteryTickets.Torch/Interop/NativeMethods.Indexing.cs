using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lt_index_select(TensorHandle a, long dim, TensorHandle index, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_gather(TensorHandle a, long dim, TensorHandle index, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_scatter(int kind, TensorHandle a, long dim, TensorHandle index, TensorHandle src, double value, int inplace, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_index(TensorHandle a, IntPtr* indices, long count, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_index_put_(TensorHandle a, IntPtr* indices, long count, TensorHandle values, int accumulate);

    [LibraryImport(Library)]
    internal static partial int lt_index_fill_(TensorHandle a, long dim, TensorHandle index, double value);

    [LibraryImport(Library)]
    internal static partial int lt_masked_fill(TensorHandle a, TensorHandle mask, double value, int inplace, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_masked_select(TensorHandle a, TensorHandle mask, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_masked_scatter(TensorHandle a, TensorHandle mask, TensorHandle source, int inplace, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_nonzero(TensorHandle a, out TensorHandle result);
}
