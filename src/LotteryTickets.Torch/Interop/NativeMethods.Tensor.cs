using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial void lt_tensor_free(IntPtr tensor);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_tensor_from_data(void* data, long nbytes, long* shape, long ndim, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_tensor_copy_to(TensorHandle tensor, void* data, long nbytes);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_dim(TensorHandle tensor, out long dim);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_tensor_sizes(TensorHandle tensor, long* sizes, long capacity);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_tensor_strides(TensorHandle tensor, long* strides, long capacity);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_numel(TensorHandle tensor, out long numel);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_dtype(TensorHandle tensor, out int dtype);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_device(TensorHandle tensor, out int type, out int index);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_is_contiguous(TensorHandle tensor, out int contiguous);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_data_ptr(TensorHandle tensor, out IntPtr data);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_item(TensorHandle tensor, out double asDouble, out long asLong);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_to(TensorHandle tensor, int dtype, int deviceType, int deviceIndex, int copy, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_clone(TensorHandle tensor, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_contiguous(TensorHandle tensor, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_alias(TensorHandle tensor, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_copy_(TensorHandle destination, TensorHandle source);

    [LibraryImport(Library)]
    internal static partial int lt_tensor_same_storage(TensorHandle a, TensorHandle b, out int same);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_tensor_to_string(TensorHandle tensor, byte* buffer, long capacity, out long needed);
}
