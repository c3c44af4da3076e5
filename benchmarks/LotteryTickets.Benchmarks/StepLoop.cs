using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// The side-by-side timing loop of the masked LeNet-300-100 Adam step: the same warm-up, step count and repeats as
/// <c>benchmarks/python/lenet_step.py</c>, printing the same JSON fields.
/// </summary>
/// <remarks>
/// <c>step-loop [--impl library|plain] [--prune 0.2] [--steps 3000] [--warmup 300] [--repeats 5]</c>: <c>library</c> times
/// <see cref="LeNetStep"/>, <c>plain</c> times <see cref="PlainLeNetStep"/>; <c>--prune 0</c> times the dense step.
/// </remarks>
internal static class StepLoop
{
    public static int Run(string[] args)
    {
        var steps = Option(args, "--steps", 3000);
        var warmup = Option(args, "--warmup", 300);
        var repeats = Option(args, "--repeats", 5);
        var plain = BenchOptions.Plain(args);
        var rate = BenchOptions.Number(args, "--prune", 0.2);
        using var step = Create(plain, rate);
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

        var loss = step.Step();
        times.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["benchmark"] = "lenet300_100_adam_step_b60",
            ["runtime"] = BenchOptions.Runtime(plain),
            ["threads"] = TorchSharp.torch.get_num_threads(),
            ["prune_rate"] = rate,
            ["pruned_weights"] = step.PrunedCount,
            ["step_us_median"] = times[times.Count / 2],
            ["step_us_min"] = times[0],
            ["step_us_all"] = times,
            ["final_loss"] = loss,
        }));
        return double.IsFinite(loss) ? 0 : 1;
    }

    /// <summary>The library's or the plain TorchSharp step.</summary>
    internal static ITrainingStep Create(bool plain, double rate) =>
        plain ? new PlainLeNetStep(0, rate) : new LeNetStep(0, rate);

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
