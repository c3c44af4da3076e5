using System.Diagnostics;
using System.Text.Json;
using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// One iterative-magnitude-pruning level on Fashion-MNIST with LeNet-300-100, timed the same way as
/// <c>benchmarks/python/imp_level.py</c> (both normalise the data into tensors while loading): train N iterations (Adam 1.2e-3, batch 60) with the mask
/// applied (the pruned weights set to zero after each step), evaluate on validation and test, prune 20% of each hidden layer's remaining weights and
/// 10% of the output layer's by |w|, rewind the survivors to initialization. No files are written.
/// </summary>
internal static class ImpLevel
{
    public static int Run(string[] args)
    {
        var iterations = StepLoop.Option(args, "--iterations", 1000);
        var levels = StepLoop.Option(args, "--levels", 3);
        var load = Stopwatch.StartNew();
        var data = FashionMnist.Load(new DatasetLoadOptions { ValidationCount = 5000 });
        foreach (var set in new[] { data.Train, data.Validation!, data.Test })
        {
            set.Preload(); // normalised tensors made once, as the Python script does while loading
        }

        var loadSeconds = load.Elapsed.TotalSeconds;

        using var generator = new torch.Generator(0);
        using var model = new LeNet300100(new SampleShape(1, 28, 28), generator: generator);
        var layers = PrunableParameters.Select(model);
        var init = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone(), StringComparer.Ordinal);
        var mask = Mask.Dense(layers);
        using var tieBreak = new torch.Generator(1);
        var options = new TrainingOptions
        {
            Duration = TrainingDuration.Iterations(iterations),
            BatchSize = 60,
            Optimizer = OptimizerKind.Adam,
            LearningRate = 1.2e-3,
            EvaluateAtStart = false,
            DataOrderSeed = 1,
        };

        var times = new List<double>();
        double testAccuracy = 0;
        for (var level = 0; level < levels; level++)
        {
            var sw = Stopwatch.StartNew();
            StateDicts.Load(model, init);
            using var masked = new MaskedModel(model, mask);
            masked.ApplyToWeights();
            using (var trainer = new Trainer(model, data.Train, data.Validation!, data.Test, options, [new MaskingCallback(masked)]))
            {
                testAccuracy = trainer.Run().Final!.TestAccuracy;
            }

            using (var scope = torch.NewDisposeScope())
            {
                var finalWeights = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
                var context = new CriterionContext(mask, tieBreak) { FinalWeights = finalWeights };
                var next = Pruner.Prune(MaskCriteria.Get("large_final"), context, PruningAmounts.Iterative(0.2, 0.1), PruningScope.Layerwise);
                mask.Dispose();
                mask = next;
            }

            times.Add(sw.Elapsed.TotalSeconds);
        }

        mask.Dispose();
        foreach (var t in init.Values)
        {
            t.Dispose();
        }

        var sorted = times.Order().ToList();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["benchmark"] = "imp_level_lenet300_100_fashion_mnist",
            ["runtime"] = BenchOptions.Runtime(false),
            ["iterations"] = iterations,
            ["threads"] = torch.get_num_threads(),
            ["load_s"] = loadSeconds,
            ["level_s"] = times,
            ["level_s_median"] = sorted[sorted.Count / 2],
            ["last_test_accuracy"] = testAccuracy,
        }));
        return 0;
    }

    private sealed class MaskingCallback(MaskedModel masked) : ITrainingCallback
    {
        public void OnAfterOptimizerStep(TrainingState state) => masked.AfterOptimizerStep();
    }
}
