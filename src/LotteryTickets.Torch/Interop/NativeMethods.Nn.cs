using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lt_linear(TensorHandle input, TensorHandle weight, IntPtr bias, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_conv2d(
        TensorHandle input, TensorHandle weight, IntPtr bias, long strideH, long strideW, long paddingH, long paddingW,
        long dilationH, long dilationW, long groups, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_max_pool2d(
        TensorHandle input, long kernelH, long kernelW, long strideH, long strideW, long paddingH, long paddingW,
        long dilationH, long dilationW, int ceilMode, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_avg_pool2d(
        TensorHandle input, long kernelH, long kernelW, long strideH, long strideW, long paddingH, long paddingW,
        int ceilMode, int countIncludePad, long divisorOverride, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_adaptive_avg_pool2d(TensorHandle input, long outH, long outW, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_batch_norm(
        TensorHandle input, IntPtr runningMean, IntPtr runningVar, IntPtr weight, IntPtr bias, int training,
        double momentum, double eps, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_dropout(TensorHandle input, double p, int training, IntPtr generator, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_softmax(TensorHandle input, long dim, int log, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_cross_entropy(
        TensorHandle input, TensorHandle target, int reduction, long ignoreIndex, double labelSmoothing, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_nll_loss(TensorHandle input, TensorHandle target, int reduction, long ignoreIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_mse_loss(TensorHandle input, TensorHandle target, int reduction, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_one_hot(TensorHandle indices, long numClasses, out TensorHandle result);
}
