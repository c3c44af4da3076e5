using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape.</summary>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="shape">The shape; its product must equal the element count. Empty for a scalar.</param>
    public static Tensor FromArray<T>(T[] data, params long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromSpan<T>(data, shape.Length == 0 && data.Length != 1 ? [data.Length] : shape);
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape, on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data length.</exception>
    public static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, Device? device = null)
        where T : unmanaged
    {
        long count = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"The shape [{string.Join(", ", shape.ToArray())}] has a negative size.", nameof(shape));
            count *= s;
        }

        if (count != data.Length)
        {
            throw new ArgumentException(
                $"The shape [{string.Join(", ", shape.ToArray())}] holds {count} elements but {data.Length} were given.", nameof(shape));
        }

        var d = device ?? Device.Cpu;
        fixed (T* p = data)
        fixed (long* s = shape)
        {
            return Wrap(
                NativeMethods.lt_tensor_from_data(p, (long)data.Length * sizeof(T), s, shape.Length, (int)ScalarTypeExtensions.Of<T>(), (int)d.Type, d.Index, out var r),
                r,
                nameof(FromSpan));
        }
    }

    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Full([], value, type, device);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static unsafe Tensor Full(ReadOnlySpan<long> shape, double value, ScalarType type = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.lt_full(s, shape.Length, value, (int)type, (int)d.Type, d.Index, out var r), r, nameof(Full));
        }
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(ReadOnlySpan<long> shape, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Full(shape, 0, type, device);

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(ReadOnlySpan<long> shape, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Full(shape, 1, type, device);

    /// <summary>A tensor with uninitialized elements.</summary>
    public static unsafe Tensor Empty(ReadOnlySpan<long> shape, ScalarType type = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.lt_empty(s, shape.Length, (int)type, (int)d.Type, d.Index, out var r), r, nameof(Empty));
        }
    }

    /// <summary>The values start, start + step, … below end.</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType type = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Wrap(NativeMethods.lt_arange(start, end, step, (int)type, (int)d.Type, d.Index, out var r), r, nameof(Arange));
    }

    /// <summary>The values 0, 1, …, end − 1.</summary>
    public static Tensor Arange(long end, ScalarType type = ScalarType.Int64, Device? device = null) =>
        Arange(0, end, 1, type, device);

    /// <summary><paramref name="steps"/> values evenly spaced from start to end inclusive.</summary>
    public static Tensor Linspace(double start, double end, long steps, ScalarType type = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Wrap(NativeMethods.lt_linspace(start, end, steps, (int)type, (int)d.Type, d.Index, out var r), r, nameof(Linspace));
    }

    /// <summary>The n × n identity matrix.</summary>
    public static Tensor Eye(long n, ScalarType type = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Wrap(NativeMethods.lt_eye(n, (int)type, (int)d.Type, d.Index, out var r), r, nameof(Eye));
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static unsafe Tensor Rand(ReadOnlySpan<long> shape, Generator? generator = null, ScalarType type = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            var status = NativeMethods.lt_rand(s, shape.Length, Generator.Pointer(generator), (int)type, (int)d.Type, d.Index, out var r);
            GC.KeepAlive(generator);
            return Wrap(status, r, nameof(Rand));
        }
    }

    /// <summary>Standard normal samples.</summary>
    public static unsafe Tensor Randn(ReadOnlySpan<long> shape, Generator? generator = null, ScalarType type = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            var status = NativeMethods.lt_randn(s, shape.Length, Generator.Pointer(generator), (int)type, (int)d.Type, d.Index, out var r);
            GC.KeepAlive(generator);
            return Wrap(status, r, nameof(Randn));
        }
    }

    /// <summary>Uniform integers in [low, high).</summary>
    public static unsafe Tensor RandInt(long low, long high, ReadOnlySpan<long> shape, Generator? generator = null, ScalarType type = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            var status = NativeMethods.lt_randint(low, high, s, shape.Length, Generator.Pointer(generator), (int)type, (int)d.Type, d.Index, out var r);
            GC.KeepAlive(generator);
            return Wrap(status, r, nameof(RandInt));
        }
    }

    /// <summary>A random permutation of 0 … n − 1.</summary>
    public static Tensor RandPerm(long n, Generator? generator = null, ScalarType type = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        var status = NativeMethods.lt_randperm(n, Generator.Pointer(generator), (int)type, (int)d.Type, d.Index, out var r);
        GC.KeepAlive(generator);
        return Wrap(status, r, nameof(RandPerm));
    }

    /// <summary>Zeros with this tensor's shape, type and device.</summary>
    public Tensor ZerosLike() => Zeros(Shape, DType, Device);

    /// <summary>Ones with this tensor's shape, type and device.</summary>
    public Tensor OnesLike() => Ones(Shape, DType, Device);

    /// <summary><paramref name="value"/> everywhere, with this tensor's shape, type and device.</summary>
    public Tensor FullLike(double value) => Full(Shape, value, DType, Device);

    /// <summary>Uniform samples in [0, 1) with this tensor's shape, type and device.</summary>
    public Tensor RandLike(Generator? generator = null) => Rand(Shape, generator, DType, Device);

    /// <summary>Standard normal samples with this tensor's shape, type and device.</summary>
    public Tensor RandnLike(Generator? generator = null) => Randn(Shape, generator, DType, Device);

    /// <summary>Fills with samples from U(<paramref name="from"/>, <paramref name="to"/>) in place.</summary>
    public Tensor Uniform_(double from, double to, Generator? generator = null) => RandomFill(0, from, to, generator, nameof(Uniform_));

    /// <summary>Fills with samples from N(<paramref name="mean"/>, <paramref name="std"/>²) in place.</summary>
    public Tensor Normal_(double mean = 0, double std = 1, Generator? generator = null) => RandomFill(1, mean, std, generator, nameof(Normal_));

    /// <summary>Fills with Bernoulli(<paramref name="p"/>) samples (0 or 1) in place.</summary>
    public Tensor Bernoulli_(double p, Generator? generator = null) => RandomFill(2, p, 0, generator, nameof(Bernoulli_));

    /// <summary>Fills with <paramref name="value"/> in place.</summary>
    public Tensor Fill_(double value)
    {
        NativeMethods.Check(NativeMethods.lt_fill_(Handle, value), nameof(Fill_));
        return this;
    }

    /// <summary>Fills with zeros in place.</summary>
    public Tensor Zero_()
    {
        NativeMethods.Check(NativeMethods.lt_zero_(Handle), nameof(Zero_));
        return this;
    }

    private Tensor RandomFill(int kind, double a, double b, Generator? generator, string operation)
    {
        var status = NativeMethods.lt_random_fill_(Handle, kind, a, b, Generator.Pointer(generator));
        GC.KeepAlive(generator);
        NativeMethods.Check(status, operation);
        return this;
    }
}
