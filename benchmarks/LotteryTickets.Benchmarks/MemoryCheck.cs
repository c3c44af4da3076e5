using System.Diagnostics;
using System.Globalization;
using LotteryTickets.Torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// Runs many LeNet-300-100 training steps and samples the process's resident set size, the
/// live native tensor count and the managed heap, to show that memory stays flat after warm-up.
/// </summary>
internal static class MemoryCheck
{
    public static int Run(string[] args)
    {
        var steps = StepLoop.Option(args, "--steps", 10_000);
        var every = StepLoop.Option(args, "--every", 1_000);
        using var step = new LeNetStep();
        Console.WriteLine("step,rss_mib,live_tensors,managed_mib,gen0_collections");
        var samples = new List<double>();
        for (var i = 1; i <= steps; i++)
        {
            step.StepOnly();
            if (i % every == 0)
            {
                using var process = Process.GetCurrentProcess();
                process.Refresh();
                var rss = process.WorkingSet64 / (1024.0 * 1024.0);
                samples.Add(rss);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{i},{rss:F1},{Tensor.LiveCount},{GC.GetTotalMemory(false) / (1024.0 * 1024.0):F1},{GC.CollectionCount(0)}"));
            }
        }

        // Flat: after the first sample (warm-up), RSS varies by at most a few percent.
        var afterWarmup = samples.Skip(1).ToList();
        var spread = afterWarmup.Count == 0 ? 0 : (afterWarmup.Max() - afterWarmup.Min()) / afterWarmup.Min() * 100;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rss spread after warm-up: {spread:F2}%"));
        return 0;
    }
}
