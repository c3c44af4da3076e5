using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

/// <summary>
/// Owns one native <c>at::Tensor*</c>. Released exactly once, by <see cref="Tensor.Dispose"/>
/// or, if the tensor was forgotten, by the garbage collector. Passing a released handle to a
/// native call throws <see cref="ObjectDisposedException"/> before any native code runs.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long live;

    public TensorHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>Native tensors currently owned by managed handles.</summary>
    public static long Live => Interlocked.Read(ref live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes ownership of a raw pointer returned by a native call.</summary>
    internal void SetOwned(IntPtr pointer) => SetHandle(pointer);

    /// <summary>Called once a native call has filled the handle.</summary>
    internal void MarkOwned()
    {
        if (!IsInvalid)
        {
            Interlocked.Increment(ref live);
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.lt_tensor_free(handle);
        Interlocked.Decrement(ref live);
        return true;
    }
}
