using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LotteryTickets.Native;

/// <summary>
/// The memory of a CUDA device as the NVIDIA driver reports it (NVML, <c>libnvidia-ml.so.1</c>): used, free and
/// total bytes of the whole device. Where NVML is absent (no NVIDIA driver, a CPU-only machine) or the device does
/// not exist, the queries return <see langword="null"/> / <see langword="false"/> instead of failing.
/// </summary>
/// <remarks>
/// CUDA device ordinals are mapped to the driver's devices through <c>CUDA_VISIBLE_DEVICES</c> when it is set (indices
/// or <c>GPU-</c> UUIDs); otherwise ordinal i is the driver's device i (the order CUDA uses with
/// <c>CUDA_DEVICE_ORDER=PCI_BUS_ID</c>, and on single-GPU machines). The figures include every process on the device,
/// not only this one's tensors.
/// </remarks>
public static class GpuMemory
{
    private const string Library = "libnvidia-ml.so.1";
    private static readonly Lock Gate = new();
    private static bool? initialized;

    /// <summary>Whether NVML could be loaded and initialized (an NVIDIA driver is present).</summary>
    public static bool IsAvailable => Initialize();

    /// <summary>The memory of CUDA device <paramref name="device"/>, or <see langword="null"/> when NVML is absent or the device does not exist.</summary>
    /// <param name="device">The CUDA device ordinal (as in <c>cuda:0</c>).</param>
    /// <returns>The device's name and used, free and total bytes, or <see langword="null"/>.</returns>
    public static GpuMemoryInfo? Query(int device = 0) => TryQuery(device, out var info) ? info : null;

    /// <summary>Reads the memory of CUDA device <paramref name="device"/>.</summary>
    /// <param name="device">The CUDA device ordinal (as in <c>cuda:0</c>).</param>
    /// <param name="info">The device's name and used, free and total bytes, when available.</param>
    /// <returns>Whether NVML answered for that device.</returns>
    public static bool TryQuery(int device, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GpuMemoryInfo? info)
    {
        info = null;
        if (device < 0 || !Initialize())
        {
            return false;
        }

        try
        {
            if (!TryGetHandle(device, out var handle) || Nvml.nvmlDeviceGetMemoryInfo(handle, out var memory) != 0)
            {
                return false;
            }

            var name = new byte[96];
            var text = Nvml.nvmlDeviceGetName(handle, name, (uint)name.Length) == 0
                ? Encoding.UTF8.GetString(name, 0, Math.Max(0, Array.IndexOf(name, (byte)0)))
                : "unknown";
            info = new GpuMemoryInfo(text, checked((long)memory.Used), checked((long)memory.Free), checked((long)memory.Total));
            return true;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The bytes in use on CUDA device <paramref name="device"/>, or <see langword="null"/> when unavailable.</summary>
    /// <param name="device">The CUDA device ordinal.</param>
    public static long? UsedBytes(int device = 0) => Query(device)?.UsedBytes;

    /// <summary>The memory size of CUDA device <paramref name="device"/> in bytes, or <see langword="null"/> when unavailable.</summary>
    /// <param name="device">The CUDA device ordinal.</param>
    public static long? TotalBytes(int device = 0) => Query(device)?.TotalBytes;

    private static bool TryGetHandle(int device, out IntPtr handle)
    {
        handle = IntPtr.Zero;
        var visible = Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES");
        if (string.IsNullOrWhiteSpace(visible))
        {
            return Nvml.nvmlDeviceGetHandleByIndex_v2((uint)device, out handle) == 0;
        }

        var entries = visible.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (device >= entries.Length)
        {
            return false;
        }

        var entry = entries[device];
        if (uint.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Nvml.nvmlDeviceGetHandleByIndex_v2(index, out handle) == 0;
        }

        return entry.StartsWith("GPU-", StringComparison.OrdinalIgnoreCase) && Nvml.nvmlDeviceGetHandleByUUID(entry, out handle) == 0;
    }

    private static bool Initialize()
    {
        lock (Gate)
        {
            if (initialized is { } done)
            {
                return done;
            }

            try
            {
                initialized = OperatingSystem.IsLinux() && Nvml.nvmlInit_v2() == 0;
            }
            catch (DllNotFoundException)
            {
                initialized = false;
            }
            catch (EntryPointNotFoundException)
            {
                initialized = false;
            }
            catch (BadImageFormatException)
            {
                initialized = false;
            }

            return initialized.Value;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    private static class Nvml
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        public static extern int nvmlInit_v2();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        public static extern int nvmlDeviceGetHandleByIndex_v2(uint index, out IntPtr device);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int nvmlDeviceGetHandleByUUID([MarshalAs(UnmanagedType.LPStr)] string uuid, out IntPtr device);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        public static extern int nvmlDeviceGetMemoryInfo(IntPtr device, out NvmlMemory memory);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        public static extern int nvmlDeviceGetName(IntPtr device, [Out] byte[] name, uint length);
    }
}
