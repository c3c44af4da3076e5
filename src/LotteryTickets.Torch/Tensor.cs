using System.Runtime.InteropServices;
using System.Text;
using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

/// <summary>
/// A libtorch tensor. Each <see cref="Tensor"/> owns one native handle, released by
/// <see cref="Dispose"/>, by the innermost <see cref="DisposeScope"/> open when it was created,
/// or, if forgotten, by the garbage collector. Operations return new tensors that the caller
/// owns; views (<see cref="View"/>, <see cref="Transpose"/>, …) share storage with their source
/// but are owned separately. In-place operations end in <c>_</c> and return the same object.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle handle;

    internal Tensor(TensorHandle handle)
    {
        this.handle = handle;
        handle.MarkOwned();
        DisposeScope.Current?.Add(this);
    }

    /// <summary>The number of native tensors currently owned by managed <see cref="Tensor"/> objects.</summary>
    public static long LiveCount => TensorHandle.Live;

    /// <summary>Whether the native tensor has been released.</summary>
    public bool IsDisposed => handle.IsClosed;

    /// <summary>The dispose scope that will release this tensor, if any.</summary>
    public DisposeScope? Scope { get; internal set; }

    internal TensorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            return handle;
        }
    }

    /// <summary>The number of dimensions.</summary>
    public int Dim
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_tensor_dim(Handle, out var d), nameof(Dim));
            return (int)d;
        }
    }

    /// <summary>The size of each dimension.</summary>
    public unsafe long[] Shape
    {
        get
        {
            var n = Dim;
            if (n == 0)
            {
                return []; // a scalar; an empty array would pin as a null pointer
            }

            var shape = new long[n];
            fixed (long* p = shape)
            {
                NativeMethods.Check(NativeMethods.lt_tensor_sizes(Handle, p, n), nameof(Shape));
            }

            return shape;
        }
    }

    /// <summary>The stride of each dimension, in elements.</summary>
    public unsafe long[] Strides
    {
        get
        {
            var n = Dim;
            if (n == 0)
            {
                return []; // a scalar; an empty array would pin as a null pointer
            }

            var strides = new long[n];
            fixed (long* p = strides)
            {
                NativeMethods.Check(NativeMethods.lt_tensor_strides(Handle, p, n), nameof(Strides));
            }

            return strides;
        }
    }

    /// <summary>The number of elements.</summary>
    public long NumEl
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_tensor_numel(Handle, out var n), nameof(NumEl));
            return n;
        }
    }

    /// <summary>The element type.</summary>
    public ScalarType DType
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_tensor_dtype(Handle, out var t), nameof(DType));
            return (ScalarType)t;
        }
    }

    /// <summary>The device holding the elements.</summary>
    public Device Device
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_tensor_device(Handle, out var type, out var index), nameof(Device));
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>Whether the elements are laid out contiguously in row-major order.</summary>
    public bool IsContiguous
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_tensor_is_contiguous(Handle, out var c), nameof(IsContiguous));
            return c != 0;
        }
    }

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        var d = dim < 0 ? dim + shape.Length : dim;
        if (d < 0 || d >= shape.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"The tensor has {shape.Length} dimensions.");
        }

        return shape[d];
    }

    /// <summary>Releases the native tensor now. Safe to call more than once.</summary>
    public void Dispose()
    {
        handle.Dispose();
        Scope = null;
    }

    /// <summary>
    /// Moves ownership from the current scope to the enclosing one (or to the caller, when
    /// there is none), so the tensor survives the end of the current scope.
    /// </summary>
    /// <returns>This tensor.</returns>
    public Tensor MoveToOuterScope()
    {
        var outer = Scope?.Outer;
        Scope = null;
        outer?.Add(this);
        return this;
    }

    /// <summary>Removes the tensor from any dispose scope; the caller owns it from then on.</summary>
    /// <returns>This tensor.</returns>
    public Tensor DetachFromScope()
    {
        Scope = null;
        return this;
    }

    /// <summary>Copies the elements, in row-major order, into a new array.</summary>
    /// <typeparam name="T">The CLR type of the tensor's element type.</typeparam>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match <see cref="DType"/>.</exception>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        var result = new T[checked((int)NumEl)];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements, in row-major order, into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination length differs from <see cref="NumEl"/>.</exception>
    public unsafe void CopyTo<T>(Span<T> destination)
        where T : unmanaged
    {
        var type = DType;
        var wanted = ScalarTypeExtensions.Of<T>();
        if (type != wanted)
        {
            throw new InvalidOperationException(
                $"The tensor holds {type} elements, not {typeof(T).Name} ({wanted}). Convert it first with To(ScalarType.{wanted}).");
        }

        if (destination.Length != NumEl)
        {
            throw new ArgumentException(
                $"The destination has {destination.Length} elements but the tensor has {NumEl}.", nameof(destination));
        }

        fixed (T* p = destination)
        {
            NativeMethods.Check(
                NativeMethods.lt_tensor_copy_to(Handle, p, (long)destination.Length * sizeof(T)), nameof(CopyTo));
        }
    }

    /// <summary>The value of a one-element tensor.</summary>
    /// <exception cref="TorchException">The tensor has more than one element.</exception>
    public double ToDouble()
    {
        NativeMethods.Check(NativeMethods.lt_tensor_item(Handle, out var d, out _), nameof(ToDouble));
        return d;
    }

    /// <summary>The value of a one-element tensor, as a 32-bit float.</summary>
    public float ToSingle() => (float)ToDouble();

    /// <summary>The value of a one-element integral tensor.</summary>
    public long ToInt64()
    {
        NativeMethods.Check(NativeMethods.lt_tensor_item(Handle, out _, out var l), nameof(ToInt64));
        return l;
    }

    /// <summary>The value of a one-element tensor, as a boolean.</summary>
    public bool ToBoolean() => ToInt64() != 0;

    /// <summary>A copy with its own storage.</summary>
    public Tensor Clone()
    {
        NativeMethods.Check(NativeMethods.lt_tensor_clone(Handle, out var r), nameof(Clone));
        return new Tensor(r);
    }

    /// <summary>A contiguous tensor with the same elements (this tensor's elements if it already is).</summary>
    public Tensor Contiguous()
    {
        NativeMethods.Check(NativeMethods.lt_tensor_contiguous(Handle, out var r), nameof(Contiguous));
        return new Tensor(r);
    }

    /// <summary>A second, separately owned handle to this very tensor (same storage, same autograd identity).</summary>
    public Tensor Alias()
    {
        NativeMethods.Check(NativeMethods.lt_tensor_alias(Handle, out var r), nameof(Alias));
        return new Tensor(r);
    }

    /// <summary>The elements converted to <paramref name="type"/> (this tensor's storage if already of that type).</summary>
    public Tensor To(ScalarType type) => To(type, Device);

    /// <summary>The elements moved to <paramref name="device"/>.</summary>
    public Tensor To(Device device) => To(DType, device);

    /// <summary>The elements converted to <paramref name="type"/> on <paramref name="device"/>.</summary>
    /// <param name="type">The element type of the result.</param>
    /// <param name="device">The device of the result.</param>
    /// <param name="copy">Always copy, even when type and device already match.</param>
    public Tensor To(ScalarType type, Device device, bool copy = false)
    {
        NativeMethods.Check(
            NativeMethods.lt_tensor_to(Handle, (int)type, (int)device.Type, device.Index, copy ? 1 : 0, out var r),
            nameof(To));
        return new Tensor(r);
    }

    /// <summary>Copies <paramref name="source"/>'s elements into this tensor (broadcasting, converting).</summary>
    /// <returns>This tensor.</returns>
    public Tensor CopyFrom_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        NativeMethods.Check(NativeMethods.lt_tensor_copy_(Handle, source.Handle), nameof(CopyFrom_));
        return this;
    }

    /// <summary>Whether both objects are handles to the same native tensor.</summary>
    public bool IsSameTensor(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        NativeMethods.Check(NativeMethods.lt_tensor_same_storage(Handle, other.Handle, out var same), nameof(IsSameTensor));
        return same != 0;
    }

    /// <summary>libtorch's printed form of the tensor, or a note that it is disposed.</summary>
    public override unsafe string ToString()
    {
        if (IsDisposed)
        {
            return "Tensor (disposed)";
        }

        NativeMethods.Check(NativeMethods.lt_tensor_to_string(Handle, null, 0, out var needed), nameof(ToString));
        var buffer = new byte[needed];
        fixed (byte* p = buffer)
        {
            NativeMethods.Check(NativeMethods.lt_tensor_to_string(Handle, p, needed, out _), nameof(ToString));
        }

        return Encoding.UTF8.GetString(buffer, 0, (int)needed - 1);
    }

    internal static Tensor Wrap(int status, TensorHandle result, string operation)
    {
        NativeMethods.Check(status, operation);
        return new Tensor(result);
    }
}
