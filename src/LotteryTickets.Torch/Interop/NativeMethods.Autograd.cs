using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lt_requires_grad(TensorHandle tensor, out int requiresGrad);

    [LibraryImport(Library)]
    internal static partial int lt_set_requires_grad(TensorHandle tensor, int value);

    [LibraryImport(Library)]
    internal static partial int lt_is_leaf(TensorHandle tensor, out int isLeaf);

    [LibraryImport(Library)]
    internal static partial int lt_grad(TensorHandle tensor, out IntPtr grad);

    [LibraryImport(Library)]
    internal static partial int lt_set_grad(TensorHandle tensor, IntPtr grad);

    [LibraryImport(Library)]
    internal static partial int lt_backward(TensorHandle tensor, IntPtr grad, int retainGraph, int createGraph);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_autograd_grad(IntPtr* outputs, long nOutputs, IntPtr* inputs, long nInputs, IntPtr* gradOutputs, int retainGraph, int createGraph, int allowUnused, IntPtr* results);

    [LibraryImport(Library)]
    internal static partial int lt_detach(TensorHandle tensor, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_detach_(TensorHandle tensor);

    [LibraryImport(Library)]
    internal static partial int lt_set_data(TensorHandle tensor, TensorHandle data);
}
