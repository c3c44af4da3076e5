using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static unsafe partial int lt_view(TensorHandle a, long* shape, long ndim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_reshape(TensorHandle a, long* shape, long ndim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_flatten(TensorHandle a, long startDim, long endDim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_transpose(TensorHandle a, long dim0, long dim1, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_permute(TensorHandle a, long* order, long ndim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_unsqueeze(TensorHandle a, long dim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_squeeze(TensorHandle a, long dim, int hasDim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_expand(TensorHandle a, long* shape, long ndim, out TensorHandle result);
}
