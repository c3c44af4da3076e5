using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

/// <summary>
/// The P/Invoke declarations of the native shim, split by area into partial files
/// (<c>NativeMethods.*.cs</c>). Every native export returns a status; <see cref="Check"/>
/// turns a failure into a <see cref="TorchException"/> naming the operation.
/// </summary>
internal static partial class NativeMethods
{
    internal const string Library = "LotteryTicketsTorchNative";

    static NativeMethods()
    {
        NativeLibraryLoader.EnsureRegistered();
        TorchRuntime.ApplyThreadDefaults();
    }

    /// <summary>Throws a <see cref="TorchException"/> for a failed native call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Check(int status, string operation)
    {
        if (status != 0)
        {
            Throw(operation);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(string operation)
    {
        var message = Marshal.PtrToStringUTF8(lt_last_error()) ?? "no message";
        throw new TorchException(operation, message);
    }

    [LibraryImport(Library)]
    internal static partial IntPtr lt_last_error();

    [LibraryImport(Library)]
    internal static partial IntPtr lt_torch_version();

    [LibraryImport(Library)]
    internal static partial int lt_test_throw(int kind);

    [LibraryImport(Library)]
    internal static partial int lt_manual_seed(ulong seed);

    [LibraryImport(Library)]
    internal static partial int lt_set_num_threads(int n);

    [LibraryImport(Library)]
    internal static partial int lt_get_num_threads(out int n);

    [LibraryImport(Library)]
    internal static partial int lt_set_blas_threads(int n, out int applied);

    [LibraryImport(Library)]
    internal static partial int lt_set_host_allocator_thresholds(long mmapThreshold, long trimThreshold, out int applied);

    [LibraryImport(Library)]
    internal static partial int lt_cuda_is_available(out int available);

    [LibraryImport(Library)]
    internal static partial int lt_cuda_device_count(out int count);

    [LibraryImport(Library)]
    internal static partial int lt_cuda_manual_seed_all(ulong seed);

    [LibraryImport(Library)]
    internal static partial int lt_cuda_synchronize(int index);

    [LibraryImport(Library)]
    internal static partial int lt_grad_mode_set(int enabled, out int previous);

    [LibraryImport(Library)]
    internal static partial int lt_grad_mode_get(out int enabled);
}
