using System.Runtime.InteropServices;
using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

/// <summary>
/// Process-wide settings of the engine: the native library, versions, seeding and threads.
/// </summary>
/// <remarks>
/// Thread defaults: inside a .NET process, OpenBLAS's own worker threads contend with the
/// runtime's and halve throughput, so the BLAS runs single-threaded unless
/// <c>LOTTERYTICKETS_BLAS_THREADS</c> says otherwise; libtorch's intra-op thread count is
/// taken from <c>LOTTERYTICKETS_NUM_THREADS</c> when set and left at libtorch's default otherwise.
/// <para>Host memory: libtorch's CPU tensors come from the C library's <c>malloc</c>. glibc's default serves blocks
/// above a threshold that starts at 128 KiB with <c>mmap</c>, so a training step's gradients and activations of a few
/// hundred KiB are mapped, page-faulted and unmapped every step until some larger block is freed (a LeNet-300-100 step
/// runs about 30% slower until then). The engine therefore fixes the thresholds once
/// (<see cref="DefaultMmapThreshold"/>, <see cref="DefaultTrimThreshold"/>; <see cref="SetHostAllocatorThresholds"/>),
/// unless <c>LOTTERYTICKETS_MALLOC_TUNING=0</c> or the process already tunes malloc (<c>GLIBC_TUNABLES</c> naming
/// <c>malloc</c>, <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>).</para>
/// </remarks>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();

    /// <summary>The libtorch version the native library was built against, e.g. <c>1.13.1</c>.</summary>
    public static string TorchVersion
    {
        get
        {
            EnsureInitialized();
            return Marshal.PtrToStringUTF8(NativeMethods.lt_torch_version()) ?? "unknown";
        }
    }

    /// <summary>The file the native library was loaded from.</summary>
    public static string NativeLibraryPath
    {
        get
        {
            EnsureInitialized();
            return NativeLibraryLoader.LoadedPath ?? "(not loaded)";
        }
    }

    /// <summary>libtorch's intra-op thread count.</summary>
    public static int NumThreads
    {
        get
        {
            EnsureInitialized();
            NativeMethods.Check(NativeMethods.lt_get_num_threads(out var n), nameof(NumThreads));
            return n;
        }

        set
        {
            EnsureInitialized();
            NativeMethods.Check(NativeMethods.lt_set_num_threads(value), nameof(NumThreads));
        }
    }

    /// <summary>The number of live native tensors owned by managed objects (a leak oracle for tests).</summary>
    public static long LiveTensorCount => Tensor.LiveCount;

    /// <summary>
    /// Uses the native library at <paramref name="path"/> (for example a build against a CUDA
    /// libtorch) instead of the one shipped beside the assembly. Call before any other use.
    /// </summary>
    /// <exception cref="InvalidOperationException">The native library is already loaded.</exception>
    public static void UseNativeLibrary(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        lock (Gate)
        {
            if (NativeLibraryLoader.LoadedPath is not null)
            {
                throw new InvalidOperationException(
                    $"The native library is already loaded from '{NativeLibraryLoader.LoadedPath}'. Call UseNativeLibrary before any tensor is created, or set {NativeLibraryLoader.PathVariable}.");
            }

            NativeLibraryLoader.ExplicitPath = path;
        }
    }

    /// <summary>Seeds libtorch's global CPU generator (and every CUDA generator when CUDA is present).</summary>
    public static void ManualSeed(ulong seed)
    {
        EnsureInitialized();
        NativeMethods.Check(NativeMethods.lt_manual_seed(seed), nameof(ManualSeed));
    }

    /// <summary>Sets the BLAS library's thread count, if the linked BLAS exposes it.</summary>
    /// <returns>Whether a BLAS thread setter was found.</returns>
    public static bool SetBlasThreads(int count)
    {
        EnsureInitialized();
        NativeMethods.Check(NativeMethods.lt_set_blas_threads(count, out var applied), nameof(SetBlasThreads));
        return applied != 0;
    }

    /// <summary>The mmap threshold the engine gives glibc's malloc: 32 MiB, the top of glibc's own dynamic range.</summary>
    public const long DefaultMmapThreshold = 32L << 20;

    /// <summary>The trim threshold the engine gives glibc's malloc: 64 MiB of free heap kept before it is returned.</summary>
    public const long DefaultTrimThreshold = 64L << 20;

    /// <summary>
    /// Fixes glibc malloc's mmap threshold (blocks at least this large are mapped directly) and trim threshold (free
    /// memory at the top of the heap kept before it is returned to the system); see the remarks of
    /// <see cref="TorchRuntime"/>.
    /// </summary>
    /// <param name="mmapThreshold">In bytes, 0 to 2^31 − 1.</param>
    /// <param name="trimThreshold">In bytes, 0 to 2^31 − 1.</param>
    /// <returns>Whether the C library is glibc and took both values.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is negative or does not fit in 32 bits.</exception>
    public static bool SetHostAllocatorThresholds(long mmapThreshold, long trimThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mmapThreshold);
        ArgumentOutOfRangeException.ThrowIfNegative(trimThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mmapThreshold, int.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trimThreshold, int.MaxValue);
        EnsureInitialized();
        NativeMethods.Check(
            NativeMethods.lt_set_host_allocator_thresholds(mmapThreshold, trimThreshold, out var applied), nameof(SetHostAllocatorThresholds));
        return applied != 0;
    }

    /// <summary>Loads the native library and applies the thread defaults (once per process).</summary>
    public static void EnsureInitialized() =>
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(NativeMethods).TypeHandle);

    /// <summary>Applies the thread defaults; called once, when the native library is first used.</summary>
    internal static void ApplyThreadDefaults()
    {
        var blas = ReadCount("LOTTERYTICKETS_BLAS_THREADS") ?? 1;
        NativeMethods.Check(NativeMethods.lt_set_blas_threads(blas, out _), nameof(SetBlasThreads));
        if (ReadCount("LOTTERYTICKETS_NUM_THREADS") is { } threads)
        {
            NativeMethods.Check(NativeMethods.lt_set_num_threads(threads), nameof(NumThreads));
        }

        if (HostAllocatorTuningWanted())
        {
            NativeMethods.Check(
                NativeMethods.lt_set_host_allocator_thresholds(DefaultMmapThreshold, DefaultTrimThreshold, out _), nameof(SetHostAllocatorThresholds));
        }
    }

    /// <summary>Whether to fix malloc's thresholds: not when disabled, nor when the process tunes malloc itself.</summary>
    internal static bool HostAllocatorTuningWanted()
    {
        var setting = Environment.GetEnvironmentVariable("LOTTERYTICKETS_MALLOC_TUNING");
        if (setting is not null && setting.Trim() == "0")
        {
            return false;
        }

        var tunables = Environment.GetEnvironmentVariable("GLIBC_TUNABLES");
        return !(tunables?.Contains("malloc", StringComparison.Ordinal) ?? false)
            && Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null
            && Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is null;
    }

    private static int? ReadCount(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, out var n) || n < 1)
        {
            throw new InvalidOperationException($"The environment variable {variable}='{text}' must be a positive integer.");
        }

        return n;
    }
}
