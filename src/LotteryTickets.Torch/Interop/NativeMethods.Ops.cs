using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lt_unary(UnaryOp op, TensorHandle a, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_unary_(UnaryOp op, TensorHandle a);

    [LibraryImport(Library)]
    internal static partial int lt_binary(BinaryOp op, TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_binary_(BinaryOp op, TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial int lt_binary_scalar(BinaryOp op, TensorHandle a, double b, int integral, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_binary_scalar_(BinaryOp op, TensorHandle a, double b, int integral);

    [LibraryImport(Library)]
    internal static partial int lt_scalar_binary(BinaryOp op, double a, TensorHandle b, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_add_scaled(TensorHandle a, TensorHandle b, double alpha, int inplace, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_clamp(TensorHandle a, double min, int hasMin, double max, int hasMax, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_where(TensorHandle condition, TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_leaky_relu(TensorHandle a, double slope, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_reduce(ReduceOp op, TensorHandle a, long* dims, long ndims, int keepdim, int unbiased, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_max_min_dim(int kind, TensorHandle a, long dim, int keepdim, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(Library)]
    internal static partial int lt_argmax(TensorHandle a, long dim, int hasDim, int keepdim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_argmin(TensorHandle a, long dim, int hasDim, int keepdim, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_matmul(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_mm(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_bmm(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_addmm(TensorHandle input, TensorHandle a, TensorHandle b, double beta, double alpha, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_dot(TensorHandle a, TensorHandle b, out TensorHandle result);
}
