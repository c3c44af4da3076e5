using System.Globalization;
using LotteryTickets.Torch;

namespace LotteryTickets.Benchmarks;

/// <summary>Command-line options shared by the GPU-capable timing modes.</summary>
internal static class BenchOptions
{
    public static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static double Number(string[] args, string name, double fallback) =>
        double.Parse(Text(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>The <c>--device</c> option (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>); failing clearly when CUDA is asked for but absent.</summary>
    public static Device Device(string[] args)
    {
        var device = Torch.Device.Parse(Text(args, "--device", "cpu"));
        if (device.IsCuda && !Cuda.IsAvailable)
        {
            throw new InvalidOperationException(
                $"--device {device} needs CUDA, which the native library '{TorchRuntime.NativeLibraryPath}' does not offer (libtorch {TorchRuntime.TorchVersion}). " +
                "Set LOTTERYTICKETS_NATIVE_LIBRARY to a shim built against a CUDA libtorch (eng/gpu/run.sh does).");
        }

        return device;
    }

    /// <summary>Waits for queued device work, so that a stopwatch reads finished work.</summary>
    public static void Sync(Device device)
    {
        if (device.IsCuda)
        {
            Cuda.Synchronize(device.Index < 0 ? 0 : device.Index);
        }
    }

    /// <summary>The GPU's name and bandwidth bound for the JSON lines, or the CPU's description.</summary>
    public static Dictionary<string, object> DeviceFields(Device device)
    {
        if (!device.IsCuda)
        {
            return new() { ["device"] = "cpu", ["threads"] = TorchRuntime.NumThreads };
        }

        var p = CudaMemory.GetDeviceProperties(device.Index < 0 ? 0 : device.Index);
        return new()
        {
            ["device"] = device.ToString(),
            ["gpu"] = p.Name,
            ["gpu_memory_bytes"] = p.TotalMemoryBytes,
            ["gpu_peak_bandwidth_gbs"] = p.PeakMemoryBandwidthBytesPerSecond / 1e9,
        };
    }
}
