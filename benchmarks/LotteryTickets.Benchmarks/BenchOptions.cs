using System.Globalization;
using System.Text.RegularExpressions;
using TorchSharp;

namespace LotteryTickets.Benchmarks;

/// <summary>Command-line options shared by the timing modes.</summary>
internal static partial class BenchOptions
{
    public static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static double Number(string[] args, string name, double fallback) =>
        double.Parse(Text(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>The <c>--impl</c> option: <c>library</c> (LotteryTickets) or <c>plain</c> (hand-written TorchSharp).</summary>
    public static bool Plain(string[] args)
    {
        var impl = Text(args, "--impl", "library");
        return impl switch
        {
            "library" => false,
            "plain" => true,
            _ => throw new ArgumentException($"--impl '{impl}' is not an implementation; give 'library' or 'plain'."),
        };
    }

    /// <summary>The <c>--device</c> option (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>); failing clearly when CUDA is asked for but absent.</summary>
    public static torch.Device Device(string[] args)
    {
        var text = Text(args, "--device", "cpu").Trim().ToLowerInvariant();
        if (!DevicePattern().IsMatch(text))
        {
            throw new ArgumentException($"--device '{text}' is not a device; give 'cpu', 'cuda' or 'cuda:N'.");
        }

        var device = new torch.Device(text);
        if (device.type == DeviceType.CUDA && !torch.cuda.is_available())
        {
            throw new InvalidOperationException(
                $"--device {text} needs CUDA, which this TorchSharp (libtorch {torch.__version__}) does not offer; reference the TorchSharp-cuda-linux package on a machine with a GPU.");
        }

        return device;
    }

    /// <summary>Waits for queued device work, so that a stopwatch reads finished work.</summary>
    public static void Sync(torch.Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            torch.cuda.synchronize(device);
        }
    }

    /// <summary>The device's description for the JSON lines.</summary>
    public static Dictionary<string, object> DeviceFields(torch.Device device) =>
        device.type == DeviceType.CUDA
            ? new() { ["device"] = device.ToString() }
            : new() { ["device"] = "cpu", ["threads"] = torch.get_num_threads() };

    /// <summary>The runtime's name for the JSON lines: <c>LotteryTickets</c> or <c>TorchSharp</c> (plain), with versions.</summary>
    public static string Runtime(bool plain) =>
        (plain ? "TorchSharp plain" : "LotteryTickets") + " (.NET " + Environment.Version + ", libtorch " + torch.__version__ + ")";

    [GeneratedRegex("^(cpu|cuda(:[0-9]+)?)$")]
    private static partial Regex DevicePattern();
}
