using System.Runtime.InteropServices;

namespace LotteryTickets.Native;

/// <summary>
/// The host (CPU) memory allocator's thresholds. libtorch's CPU tensors come from the C library's <c>malloc</c>.
/// glibc's default serves blocks above a threshold that starts at 128 KiB with <c>mmap</c>, so a training step's
/// gradients and activations of a few hundred KiB are mapped, page-faulted and unmapped every step until some larger
/// block is freed (a LeNet-300-100 step runs about 30% slower until then). An application may fix the thresholds
/// (<see cref="DefaultMmapThreshold"/>, <see cref="DefaultTrimThreshold"/>) with <see cref="SetThresholds"/> or through
/// <see cref="Engine.ConfigureProcess"/> (<see cref="ProcessSettings.TuneHostAllocator"/>); the library never does by itself.
/// </summary>
/// <remarks>The thresholds are set with glibc's <c>mallopt</c>; with another C library nothing is changed.</remarks>
public static class HostAllocator
{
    /// <summary>The mmap threshold given to glibc's malloc: 32 MiB, the top of glibc's own dynamic range.</summary>
    public const long DefaultMmapThreshold = 32L << 20;

    /// <summary>The trim threshold given to glibc's malloc: 64 MiB of free heap kept before it is returned.</summary>
    public const long DefaultTrimThreshold = 64L << 20;

    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>
    /// Fixes glibc malloc's mmap threshold (blocks at least this large are mapped directly) and trim threshold (free
    /// memory at the top of the heap kept before it is returned to the system); see the remarks of
    /// <see cref="HostAllocator"/>.
    /// </summary>
    /// <param name="mmapThreshold">In bytes, 0 to 2^31 − 1.</param>
    /// <param name="trimThreshold">In bytes, 0 to 2^31 − 1.</param>
    /// <returns>Whether the C library is glibc and took both values.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is negative or does not fit in 32 bits.</exception>
    public static bool SetThresholds(long mmapThreshold, long trimThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mmapThreshold);
        ArgumentOutOfRangeException.ThrowIfNegative(trimThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mmapThreshold, int.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trimThreshold, int.MaxValue);
        if (!IsGlibc)
        {
            return false;
        }

        var mmapOk = Glibc.mallopt(MMmapThreshold, (int)mmapThreshold) == 1;
        var trimOk = Glibc.mallopt(MTrimThreshold, (int)trimThreshold) == 1;
        return mmapOk && trimOk;
    }

    /// <summary>Whether the process runs on glibc, whose <c>mallopt</c> the thresholds are set with.</summary>
    public static bool IsGlibc => GlibcProbe.Value;

    private static readonly Lazy<bool> GlibcProbe = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Glibc.gnu_get_libc_version() != IntPtr.Zero;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    });

    /// <summary>Applies the default thresholds unless the process tunes malloc itself (see <see cref="ProcessTunesMalloc"/>).</summary>
    /// <returns>Whether the thresholds were set.</returns>
    internal static bool ApplyDefaults() => !ProcessTunesMalloc() && SetThresholds(DefaultMmapThreshold, DefaultTrimThreshold);

    /// <summary>Whether the process tunes malloc itself, through glibc's tunables or its legacy variables.</summary>
    internal static bool ProcessTunesMalloc()
    {
        var tunables = Environment.GetEnvironmentVariable("GLIBC_TUNABLES");
        return (tunables?.Contains("malloc", StringComparison.Ordinal) ?? false)
            || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null
            || Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null;
    }

    private static class Glibc
    {
        [DllImport("libc.so.6", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        public static extern int mallopt(int param, int value);

        [DllImport("libc.so.6", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        public static extern IntPtr gnu_get_libc_version();
    }
}
