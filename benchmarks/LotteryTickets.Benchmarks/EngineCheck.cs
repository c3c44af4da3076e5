using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using TorchSharp;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// A first check of the tensor engine on a machine, using TorchSharp only (no library types, so it runs even while the
/// library is broken): loads the native backend for the device, multiplies a seeded 512×512 pair there and compares
/// the product with the CPU's. Prints one JSON line.
/// </summary>
/// <remarks>
/// <c>engine-check [--device cpu|cuda|cuda:N]</c> (default <c>cuda</c>). Exit codes: 0 success, 1 the engine failed
/// (the full exception text, TorchSharp's load trace included, goes to stderr), 2 a bad <c>--device</c>.
/// </remarks>
internal static partial class EngineCheck
{
    public static int Run(string[] args)
    {
        var text = BenchOptions.Text(args, "--device", "cuda").Trim().ToLowerInvariant();
        if (!DevicePattern().IsMatch(text))
        {
            Console.Error.WriteLine($"error: --device '{text}' is not a device; give 'cpu', 'cuda' or 'cuda:N'.");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var cuda = text.StartsWith("cuda", StringComparison.Ordinal);
            if (cuda)
            {
                torch.InitializeDeviceType(DeviceType.CUDA);
            }

            var available = torch.cuda.is_available();
            var count = available ? torch.cuda.device_count() : 0;
            if (cuda && !available)
            {
                throw new InvalidOperationException($"TorchSharp loaded, but CUDA is not available (libtorch {torch.__version__}).");
            }

            var device = new torch.Device(text);
            using var scope = torch.NewDisposeScope();
            using var generator = new torch.Generator(0);
            var a = torch.randn([512, 512], generator: generator);
            var b = torch.randn([512, 512], generator: generator);
            var expected = a.matmul(b);
            var product = a.to(device).matmul(b.to(device));
            if (cuda)
            {
                torch.cuda.synchronize(device);
            }

            var difference = product.cpu().sub(expected).abs().max().item<float>();
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["check"] = "engine",
                ["device"] = device.ToString(),
                ["ok"] = true,
                ["torchsharp_libtorch"] = torch.__version__,
                ["cuda_available"] = available,
                ["cuda_device_count"] = count,
                ["matmul_shape"] = product.shape,
                ["matmul_max_abs_diff"] = difference,
                ["seconds"] = clock.Elapsed.TotalSeconds,
            }));
            return 0;
        }
#pragma warning disable CA1031 // the check reports every failure of the engine, whatever its type
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine(e.ToString());
            var first = e.Message.Split('\n', 2)[0].Trim();
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["check"] = "engine",
                ["device"] = text,
                ["ok"] = false,
                ["error"] = first,
            }));
            return 1;
        }
    }

    [GeneratedRegex("^(cpu|cuda(:[0-9]+)?)$")]
    private static partial Regex DevicePattern();
}
