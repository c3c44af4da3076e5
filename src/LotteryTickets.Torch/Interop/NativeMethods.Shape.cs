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

    [LibraryImport(Library)]
    internal static partial int lt_narrow(TensorHandle a, long dim, long start, long length, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_select(TensorHandle a, long dim, long index, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_slice(TensorHandle a, long dim, long start, int hasStart, long end, int hasEnd, long step, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_flip(TensorHandle a, long* dims, long ndims, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_roll(TensorHandle a, long* shifts, long nshifts, long* dims, long ndims, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_repeat(TensorHandle a, long* repeats, long n, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_triangle(int kind, TensorHandle a, long diagonal, out TensorHandle result);
}
