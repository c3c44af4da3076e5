using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lt_sort(TensorHandle a, long dim, int descending, int stable, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(Library)]
    internal static partial int lt_argsort(TensorHandle a, long dim, int descending, int stable, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_topk(TensorHandle a, long k, long dim, int largest, int sorted, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(Library)]
    internal static partial int lt_kthvalue(TensorHandle a, long k, long dim, int keepdim, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(Library)]
    internal static partial int lt_cumsum(TensorHandle a, long dim, int dtype, int hasDtype, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_unique(TensorHandle a, int sorted, out TensorHandle values, out TensorHandle inverse, out TensorHandle counts);
}
