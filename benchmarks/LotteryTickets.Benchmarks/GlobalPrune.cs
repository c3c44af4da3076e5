using System.Diagnostics;
using System.Text.Json;
using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// Global magnitude pruning of a VGG-19-sized parameter set (open_lth's CIFAR VGG-19: sixteen 3×3
/// convolutions and a 512→10 linear layer, 20,024,000 weights): the library's <see cref="Pruner"/> with
/// <c>large_final</c>, 20% of the remaining weights under one global threshold, from a dense mask, on the
/// CPU or a GPU — side by side with <c>benchmarks/python/global_prune.py</c>.
/// </summary>
/// <remarks>
/// <para>The bandwidth bound: any global magnitude pruning reads every weight (4 bytes) and the current mask
/// (4 bytes) and writes the new mask (4 bytes), so it moves at least 12 bytes per weight; the bound is
/// 12·N bytes over the GPU's peak memory bandwidth, given with <c>--bandwidth-gbs</c> (the bound is left out
/// without it). Selecting the threshold needs at least one more pass in practice, so 2–3× the
/// bound is a good result.</para>
/// <para><c>global-prune [--device cuda] [--scale 1.0] [--repeats 5] [--warmup 2] [--bandwidth-gbs B]</c>;
/// <c>--scale</c> divides every layer's output channels (<c>--scale 0.05</c> makes a quick CPU smoke test).</para>
/// </remarks>
internal static class GlobalPrune
{
    /// <summary>open_lth's <c>cifar_vgg_19</c> convolution widths (the pools carry no weights).</summary>
    private static readonly int[] Vgg19 = [64, 64, 128, 128, 256, 256, 256, 256, 512, 512, 512, 512, 512, 512, 512, 512];

    public static int Run(string[] args)
    {
        var device = BenchOptions.Device(args);
        var scale = BenchOptions.Number(args, "--scale", 1.0);
        var repeats = StepLoop.Option(args, "--repeats", 5);
        var warmup = StepLoop.Option(args, "--warmup", 2);
        var bandwidth = BenchOptions.Number(args, "--bandwidth-gbs", 0) * 1e9;

        var layers = Layers(scale);
        var n = layers.Sum(l => l.Count);
        var cuda = device.type == DeviceType.CUDA;
        using var generator = new torch.Generator(0);
        using var tieBreak = new torch.Generator(1, cuda ? device : null);
        using var setup = torch.NewDisposeScope();
        var weights = layers.ToDictionary(l => l.Name, l => torch.randn(l.Shape, generator: generator).to(device), StringComparer.Ordinal);
        using var dense = Mask.Dense(layers, device);
        var criterion = MaskCriteria.Get("large_final");
        var amounts = new PruningAmounts(PruneAmount.FractionOfRemaining(0.2));
        long kept = 0;

        double PruneOnce()
        {
            BenchOptions.Sync(device);
            var sw = Stopwatch.StartNew();
            using var mask = Pruner.Prune(criterion, new CriterionContext(dense, tieBreak) { FinalWeights = weights }, amounts, PruningScope.Global);
            BenchOptions.Sync(device);
            var seconds = sw.Elapsed.TotalSeconds;
            kept = mask.Names.Sum(name => { using var s = torch.NewDisposeScope(); return mask[name].count_nonzero().item<long>(); });
            return seconds;
        }

        for (var i = 0; i < warmup; i++)
        {
            PruneOnce();
        }

        var times = Enumerable.Range(0, repeats).Select(_ => PruneOnce() * 1e3).Order().ToList();
        var row = new Dictionary<string, object>
        {
            ["benchmark"] = "global_magnitude_prune_vgg19",
            ["runtime"] = BenchOptions.Runtime(false),
            ["weights"] = n,
            ["kept"] = kept,
            ["prune_ms_median"] = times[times.Count / 2],
            ["prune_ms_min"] = times[0],
            ["prune_ms_all"] = times,
        };
        foreach (var (k, v) in BenchOptions.DeviceFields(device))
        {
            row[k] = v;
        }

        if (bandwidth > 0)
        {
            var boundMs = 12.0 * n / bandwidth * 1e3;
            row["bandwidth_gbs_used"] = bandwidth / 1e9;
            row["bound_bytes"] = 12L * n;
            row["bound_ms"] = boundMs;
            row["ratio_to_bound"] = times[times.Count / 2] / boundMs;
        }

        Console.WriteLine(JsonSerializer.Serialize(row));
        return kept == n - (long)Math.Ceiling(0.2 * n) ? 0 : 1;
    }

    /// <summary>The prunable layers of the VGG-19 parameter set, output channels scaled by <paramref name="scale"/>.</summary>
    internal static List<PrunableLayer> Layers(double scale)
    {
        var layers = new List<PrunableLayer>();
        long inChannels = 3;
        for (var i = 0; i < Vgg19.Length; i++)
        {
            var outChannels = Math.Max(1, (long)Math.Round(Vgg19[i] * scale));
            layers.Add(new PrunableLayer($"layers.{i}.conv.weight", [outChannels, inChannels, 3, 3], LayerKind.Convolution, false));
            inChannels = outChannels;
        }

        layers.Add(new PrunableLayer("fc.weight", [10, inChannels], LayerKind.Linear, true));
        return layers;
    }
}
