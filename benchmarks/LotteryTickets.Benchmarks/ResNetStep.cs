using System.Diagnostics;
using System.Text.Json;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;
using LotteryTickets.Torch.Optim;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// One ResNet-20 training step (batch 128 of 3×32×32, 10 classes, SGD lr 0.1 momentum 0.9 weight decay 1e-4,
/// cross-entropy), on the CPU or a GPU — the same step as <c>benchmarks/python/resnet_step.py</c>, with the
/// same warm-up, step count, repeats and JSON fields. The batch is made once on the device; each step runs
/// in its own dispose scope; the device is synchronized before and after each timed repeat.
/// </summary>
/// <remarks>
/// <c>resnet-step [--device cuda] [--batch 128] [--size 32] [--width 16] [--steps 200] [--warmup 20] [--repeats 5]</c>.
/// Small values (<c>--batch 4 --size 8 --width 4 --steps 2</c>) make the CPU run a quick smoke test.
/// </remarks>
internal static class ResNetStep
{
    public static int Run(string[] args)
    {
        var device = BenchOptions.Device(args);
        var batch = StepLoop.Option(args, "--batch", 128);
        var size = StepLoop.Option(args, "--size", 32);
        var width = StepLoop.Option(args, "--width", 16);
        var steps = StepLoop.Option(args, "--steps", 200);
        var warmup = StepLoop.Option(args, "--warmup", 20);
        var repeats = StepLoop.Option(args, "--repeats", 5);

        using var generator = new Generator(0);
        using var model = new ResNet20Like(10, generator, width);
        model.To(device);
        model.Train();
        using var optimizer = new Sgd(model.Parameters(), new SgdOptions { LearningRate = 0.1, Momentum = 0.9, WeightDecay = 1e-4 });
        using var setup = DisposeScope.Begin();
        var images = Tensor.Randn([batch, 3, size, size], generator).To(device);
        var labels = Tensor.RandInt(0, 10, [batch], generator).To(device);
        double loss = 0;

        void Step(bool readLoss)
        {
            using var scope = DisposeScope.Begin();
            optimizer.ZeroGrad();
            var l = Functional.CrossEntropy(model.Forward(images), labels);
            l.Backward();
            optimizer.Step();
            if (readLoss)
            {
                loss = l.To(Device.Cpu).ToArray<float>()[0];
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
            ["runtime"] = "LotteryTickets (.NET " + Environment.Version + ", libtorch " + TorchRuntime.TorchVersion + ")",
            ["batch"] = batch,
            ["size"] = size,
            ["width"] = width,
            ["parameters"] = model.Parameters().Sum(p => p.NumEl),
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
}
