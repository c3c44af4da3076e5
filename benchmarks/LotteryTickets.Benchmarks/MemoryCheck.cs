using System.Diagnostics;
using System.Globalization;
using TorchSharp;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// Runs many masked LeNet-300-100 training steps and samples the process's resident set size, TorchSharp's count of
/// live tensors (<see cref="torch.Tensor.TotalCount"/>: created and not yet disposed, which is what
/// <c>LotteryTickets.Native.Engine.LiveTensorCount</c> reports) and the managed heap, to show that memory stays flat
/// after warm-up.
/// </summary>
/// <remarks><c>memory [--impl library|plain] [--prune 0.2] [--steps 10000] [--every 1000]</c>.</remarks>
internal static class MemoryCheck
{
    public static int Run(string[] args)
    {
        var steps = StepLoop.Option(args, "--steps", 10_000);
        var every = StepLoop.Option(args, "--every", 1_000);
        var plain = BenchOptions.Plain(args);
        using var step = StepLoop.Create(plain, BenchOptions.Number(args, "--prune", 0.2));
        Console.WriteLine($"# {BenchOptions.Runtime(plain)}");
        Console.WriteLine("step,rss_mib,live_tensors,managed_mib,gen0_collections");
        var samples = new List<double>();
        var live = new List<long>();
        for (var i = 1; i <= steps; i++)
        {
            step.StepOnly();
            if (i % every == 0)
            {
                using var process = Process.GetCurrentProcess();
                process.Refresh();
                var rss = process.WorkingSet64 / (1024.0 * 1024.0);
                var tensors = torch.Tensor.TotalCount;
                samples.Add(rss);
                live.Add(tensors);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{i},{rss:F1},{tensors},{GC.GetTotalMemory(false) / (1024.0 * 1024.0):F1},{GC.CollectionCount(0)}"));
            }
        }

        // Flat: after the first sample (warm-up), RSS varies by at most a few percent and the live tensors not at all.
        var afterWarmup = samples.Skip(1).ToList();
        var spread = afterWarmup.Count == 0 ? 0 : (afterWarmup.Max() - afterWarmup.Min()) / afterWarmup.Min() * 100;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rss spread after warm-up: {spread:F2}%"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live tensors: {(live.Count == 0 ? 0 : live.Min())}..{(live.Count == 0 ? 0 : live.Max())}"));
        return live.Distinct().Count() <= 1 ? 0 : 1;
    }
}
