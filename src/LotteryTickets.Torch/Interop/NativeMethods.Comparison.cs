using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lt_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, int equalNan, out int result);

    [LibraryImport(Library)]
    internal static partial int lt_equal(TensorHandle a, TensorHandle b, out int result);
}
