using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static unsafe partial int lt_sgd_step(
        IntPtr* parameters, IntPtr* momentumBuffers, long n, double lr, double momentum, double dampening, double weightDecay, int nesterov, int maximize);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_adam_step(
        IntPtr* parameters, IntPtr* expAvgs, IntPtr* expAvgSqs, IntPtr* maxExpAvgSqs, long* steps, long n,
        double lr, double beta1, double beta2, double eps, double weightDecay, int amsgrad, int decoupled, int maximize);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_zero_grad(IntPtr* parameters, long n, int setToNone);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_apply_masks(IntPtr* parameters, IntPtr* masks, long n, int target);
}
