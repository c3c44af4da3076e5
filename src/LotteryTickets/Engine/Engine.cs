using System.Globalization;
using System.Reflection;
using TorchSharp;

namespace LotteryTickets.Engine;

/// <summary>
/// Process-wide facts and settings of the tensor runtime (TorchSharp over libtorch): versions, the intra-op thread
/// count, the live tensor count, and the one-time setup <see cref="EnsureInitialized"/>.
/// </summary>
/// <remarks>
/// The setup, applied once per process: the host allocator's thresholds (<see cref="HostAllocator"/>; off with
/// <c>LOTTERYTICKETS_MALLOC_TUNING=0</c> or when the process tunes malloc itself), the cap on oneDNN's instruction set
/// (<see cref="OneDnn"/>; off with <c>LOTTERYTICKETS_ONEDNN_MAX_ISA=0</c> or when the process sets it itself) — these
/// two already when this library is loaded — and libtorch's intra-op thread count from <c>LOTTERYTICKETS_NUM_THREADS</c>
/// when that is set.
/// </remarks>
public static class Engine
{
    /// <summary>The environment variable that sets libtorch's intra-op thread count at initialization.</summary>
    public const string ThreadsVariable = "LOTTERYTICKETS_NUM_THREADS";

    private static readonly Lock Gate = new();
    private static bool initialized;

    /// <summary>The TorchSharp package version, e.g. <c>0.107.0</c>.</summary>
    public static string TorchSharpVersion
    {
        get
        {
            var assembly = typeof(torch).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3);
            return string.IsNullOrEmpty(version) ? "unknown" : version;
        }
    }

    /// <summary>The libtorch version TorchSharp is built against, e.g. <c>2.10.0</c>.</summary>
    public static string LibTorchVersion
    {
        get
        {
            var parts = torch.__version__.Split('.');
            return parts.Length > 3 ? string.Join('.', parts.Take(3)) : torch.__version__;
        }
    }

    /// <summary>libtorch's intra-op thread count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public static int NumThreads
    {
        get => torch.get_num_threads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            torch.set_num_threads(value);
        }
    }

    /// <summary>
    /// The number of live managed tensors in the process (TorchSharp's count of tensors created and not yet disposed
    /// or finalized): a leak oracle for tests and long loops. Compare counts around code that creates no parameters:
    /// TorchSharp counts a tensor whose handle moves into a new <c>Parameter</c> (layer constructors,
    /// <c>module.to(dtype)</c>) as still live.
    /// </summary>
    public static long LiveTensorCount => torch.Tensor.TotalCount;

    /// <summary>Whether <see cref="EnsureInitialized"/> has run.</summary>
    public static bool IsInitialized
    {
        get
        {
            lock (Gate)
            {
                return initialized;
            }
        }
    }

    /// <summary>
    /// Applies the process-wide setup once (see the remarks of <see cref="Engine"/>); later calls do nothing.
    /// Call it at the start of a program or run; the trainer and the masking types call it too.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>LOTTERYTICKETS_NUM_THREADS</c> is set but not a positive integer.</exception>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (initialized)
            {
                return;
            }

            var threads = ReadCount(ThreadsVariable);
            ProcessSetup.ApplyOnce();
            if (threads is { } n)
            {
                torch.set_num_threads(n);
            }

            initialized = true;
        }
    }

    /// <summary>The largest thread count accepted from <see cref="ThreadsVariable"/>: 4 per logical processor.</summary>
    public static int MaxThreads => 4 * Environment.ProcessorCount;

    internal static int? ReadCount(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            throw new InvalidOperationException($"The environment variable {variable}='{text}' must be a positive integer.");
        }

        // More threads than cores only make them wait for each other (100,000 threads never reached a first step).
        var limit = MaxThreads;
        if (n > limit)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The environment variable {variable}='{text}' asks for more threads than the {limit} this machine can use (4 per logical processor, {Environment.ProcessorCount} here); set it to at most {limit}, e.g. {Environment.ProcessorCount}."));
        }

        return n;
    }
}
