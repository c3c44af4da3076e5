using System.Diagnostics;
using System.Text.Json;
using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// One ResNet-20 training step (batch 128 of 3×32×32, 10 classes, SGD lr 0.1 momentum 0.9 weight decay 1e-4,
/// cross-entropy), on the CPU or a GPU, with <c>--prune</c> of every weight tensor's weights (smallest |w| at
/// initialization) kept at zero after each step — the same step as <c>benchmarks/python/resnet_step.py</c>, with the
/// same warm-up, step count, repeats and JSON fields. <c>--impl library</c>: the zoo's <c>resnet20</c> with a
/// <see cref="MaskedModel"/>; <c>--impl plain</c>: <see cref="ResNet20Like"/> with <see cref="PlainMasks"/>. The batch is
/// made once on the device; each step runs in its own dispose scope; the device is synchronized before and after each
/// timed repeat.
/// </summary>
/// <remarks>
/// <c>resnet-step [--impl library|plain] [--device cuda] [--batch 128] [--size 32] [--width 16] [--prune 0.2] [--channels-last] [--steps 200] [--warmup 20] [--repeats 5]</c>.
/// Small values (<c>--batch 4 --size 8 --width 4 --steps 2</c>) make the CPU run a quick smoke test.
/// </remarks>
internal static class ResNetStep
{
    public static int Run(string[] args)
    {
        var device = BenchOptions.Device(args);
        var plain = BenchOptions.Plain(args);
        var batch = StepLoop.Option(args, "--batch", 128);
        var size = StepLoop.Option(args, "--size", 32);
        var width = StepLoop.Option(args, "--width", 16);
        var rate = BenchOptions.Number(args, "--prune", 0.2);
        var steps = StepLoop.Option(args, "--steps", 200);
        var warmup = StepLoop.Option(args, "--warmup", 20);
        var repeats = StepLoop.Option(args, "--repeats", 5);
        var channelsLast = args.Contains("--channels-last");

        using var generator = new torch.Generator(0);
        torch.manual_seed(0);
        using var model = plain
            ? new ResNet20Like(10, width)
            : ModelZoo.Create("resnet20", new SampleShape(3, size, size), 10, generator, width / 16.0);
        model.to(device);
        model.train();
        using var mask = rate > 0 && !plain ? LibraryMask(model, rate, device) : null;
        using var masked = mask is null ? null : new MaskedModel(model, mask);
        masked?.ApplyToWeights();
        using var plainMasks = rate > 0 && plain ? new PlainMasks(model, rate, rate, null) : null;
        plainMasks?.Apply();
        // Channels-last: the library's ChannelsLast; the plain loop lays out weights and batch by hand, as a
        // TorchSharp user without the library would (TorchSharp has no memory_format argument).
        using var layout = channelsLast && !plain ? ChannelsLast.Apply(model) : null;
        if (channelsLast && plain)
        {
            using var noGrad = torch.no_grad();
            foreach (var p in model.parameters().Where(p => p.dim() == 4))
            {
                p.set_(p.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2));
            }
        }

        using var optimizer = torch.optim.SGD(model.parameters(), 0.1, momentum: 0.9, weight_decay: 1e-4);
        using var generated = torch.randn([batch, 3, size, size], generator: generator).to(device);
        using var images = channelsLast && plain ? generated.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : generated.alias();
        using var labels = torch.randint(0, 10, [batch], generator: generator).to(device);
        double loss = 0;

        void Step(bool readLoss)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var l = nn.functional.cross_entropy(model.call(images), labels);
            l.backward();
            optimizer.step();
            masked?.AfterOptimizerStep();
            plainMasks?.Apply();
            if (readLoss)
            {
                loss = l.cpu().item<float>();
            }
        }

        for (var i = 0; i < warmup; i++)
        {
            Step(false);
        }

        BenchOptions.Sync(device);
        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < steps; i++)
            {
                Step(false);
            }

            BenchOptions.Sync(device);
            times.Add(sw.Elapsed.TotalMicroseconds / steps);
        }

        Step(true);
        times.Sort();
        var row = new Dictionary<string, object>
        {
            ["benchmark"] = $"resnet20_sgd_momentum_step_b{batch}",
            ["runtime"] = BenchOptions.Runtime(plain),
            ["batch"] = batch,
            ["size"] = size,
            ["width"] = width,
            ["prune_rate"] = rate,
            ["channels_last"] = channelsLast,
            ["parameters"] = model.parameters().Sum(p => p.numel()),
            ["step_us_median"] = times[times.Count / 2],
            ["step_us_min"] = times[0],
            ["step_us_all"] = times,
            ["final_loss"] = loss,
        };
        foreach (var (k, v) in BenchOptions.DeviceFields(device))
        {
            row[k] = v;
        }

        Console.WriteLine(JsonSerializer.Serialize(row));
        return double.IsFinite(loss) ? 0 : 1;
    }

    /// <summary>The library's mask pruning <paramref name="rate"/> of every prunable layer by |w| (<c>large_final</c>).</summary>
    private static Mask LibraryMask(nn.Module<Tensor, Tensor> model, double rate, torch.Device device)
    {
        using var dense = Mask.Dense(PrunableParameters.Select(model), device);
        using var tieBreak = new torch.Generator(1, device.type == DeviceType.CUDA ? device : null);
        var weights = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        var context = new CriterionContext(dense, tieBreak) { FinalWeights = weights };
        return Pruner.Prune(MaskCriteria.Get("large_final"), context, new PruningAmounts(PruneAmount.FractionOfRemaining(rate)), PruningScope.Layerwise);
    }
}
