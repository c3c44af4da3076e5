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
