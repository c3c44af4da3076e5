using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LotteryTickets.Torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// The side-by-side timing loop: the same warm-up, step count and repeats as
/// <c>benchmarks/python/lenet_step.py</c>, printing the same JSON fields.
/// </summary>
internal static class StepLoop
{
    public static int Run(string[] args)
    {
        var steps = Option(args, "--steps", 3000);
        var warmup = Option(args, "--warmup", 300);
        var repeats = Option(args, "--repeats", 5);
        using var step = new LeNetStep();
        for (var i = 0; i < warmup; i++)
        {
            step.StepOnly();
        }

        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < steps; i++)
            {
                step.StepOnly();
            }

            times.Add(sw.Elapsed.TotalMicroseconds / steps);
        }

        times.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["benchmark"] = "lenet300_100_adam_step_b60",
            ["runtime"] = "LotteryTickets (.NET " + Environment.Version + ", libtorch " + TorchRuntime.TorchVersion + ")",
            ["threads"] = TorchRuntime.NumThreads,
            ["step_us_median"] = times[times.Count / 2],
            ["step_us_min"] = times[0],
            ["step_us_all"] = times,
        }));
        return 0;
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
