using LotteryTickets.Pruning;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.OwnLoop;

/// <summary>
/// Pruning in a hand-written TorchSharp loop: the user's own CNN, data as tensors, RMSprop and cross-entropy; first a
/// gradual (AGP) schedule to 90% sparsity in one run, then iterative magnitude pruning with late rewinding in the same
/// loop. The library's part is the <see cref="Sparsifier"/> and the optimizer it wraps.
/// </summary>
public static class OwnLoop
{
    /// <summary>Runs both phases and reports what they found; <paramref name="log"/> gets one line per phase and level.</summary>
    /// <param name="trainImages">Training images, N×1×28×28 float32.</param>
    /// <param name="trainLabels">Training labels, N int64.</param>
    /// <param name="testImages">Test images.</param>
    /// <param name="testLabels">Test labels.</param>
    /// <param name="settings">How long to train and how much to prune.</param>
    /// <param name="log">Where progress lines go.</param>
    /// <returns>The report.</returns>
    public static OwnLoopReport Run(Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels, OwnLoopSettings settings, TextWriter log)
    {
        var batches = (int)(trainImages.shape[0] / settings.BatchSize);

        // Phase 1: one run, pruned gradually on the AGP curve from 20% of the run to the iteration nearest 80% (an iteration
        // the schedule sees, so the target is met exactly), then trained at 90% sparsity to the end.
        long total = (long)settings.GradualEpochs * batches, revived = 0;
        var end = Math.Floor(0.8 * total) / total;
        torch.manual_seed((long)settings.Seed);
        using var model = new SmallCnn();
        using var sparsifier = new Sparsifier(model, GradualSchedules.Agp(settings.Sparsity, o => o.EndFraction = end), "large_final", new SparsifierOptions { Seed = settings.Seed });
        using var optimizer = sparsifier.Wrap(optim.RMSProp(model.parameters(), settings.LearningRate));
        Train(model, optimizer, trainImages, trainLabels, settings, 0, total, t => sparsifier.Step(t, total), () => revived = Math.Max(revived, sparsifier.CountRevivedWeights()));
        var gradualAccuracy = Accuracy(model, testImages, testLabels);
        log.WriteLine($"gradual: {sparsifier.Sparsity().PercentRemaining:F1}% of the weights remain, test accuracy {gradualAccuracy:F4}");

        // Phase 2: iterative magnitude pruning, rewinding weights and optimizer state to iteration k after every level.
        torch.manual_seed((long)settings.Seed);
        using var imp = new SmallCnn();
        using var levels = new Sparsifier(imp, new IterativeRates(new IterativeRatesOptions { Levels = settings.ImpLevels }), "large_final", new SparsifierOptions { Seed = settings.Seed });
        using var impOptimizer = levels.Wrap(optim.RMSProp(imp.parameters(), settings.LearningRate));
        var round = (long)settings.ImpEpochs * batches;
        var k = Math.Min(settings.RewindIteration, round);
        Train(imp, impOptimizer, trainImages, trainLabels, settings, 0, k, _ => { }, () => { });
        levels.TakeSnapshot(impOptimizer);
        var results = new List<(int, double, double)>();
        for (var level = 0; ; level++)
        {
            Train(imp, impOptimizer, trainImages, trainLabels, settings, k, round, _ => { }, () => { });
            var accuracy = Accuracy(imp, testImages, testLabels);
            results.Add((level, levels.Sparsity().PercentRemaining, accuracy));
            log.WriteLine($"IMP level {level}: {levels.Sparsity().PercentRemaining:F1}% of the weights remain, test accuracy {accuracy:F4}");
            if (!levels.Step())
            {
                break;
            }

            levels.Rewind(impOptimizer);
        }

        return new OwnLoopReport(gradualAccuracy, sparsifier.Sparsity(), revived, results);
    }

    /// <summary>
    /// The user's loop: iterations [<paramref name="from"/>, <paramref name="to"/>) of shuffled mini-batches (each epoch's
    /// order from the seed and the epoch, so a rewound run sees the same batches again), cross-entropy, one optimizer step each.
    /// </summary>
    private static void Train(
        SmallCnn model, optim.Optimizer optimizer, Tensor images, Tensor labels, OwnLoopSettings settings, long from, long to, Action<long> beforeStep, Action afterStep)
    {
        var n = images.shape[0];
        var batches = n / settings.BatchSize;
        model.train();
        Tensor? order = null;
        var orderEpoch = -1L;
        try
        {
            for (var t = from; t < to; t++)
            {
                var epoch = t / batches;
                if (epoch != orderEpoch)
                {
                    order?.Dispose();
                    using var generator = new Generator(settings.Seed * 1_000_003 + (ulong)epoch);
                    order = randperm(n, generator: generator);
                    orderEpoch = epoch;
                }

                using var scope = NewDisposeScope();
                beforeStep(t);
                var index = order!.narrow(0, (t % batches) * settings.BatchSize, settings.BatchSize);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(images.index_select(0, index)), labels.index_select(0, index));
                loss.backward();
                optimizer.step();
                afterStep();
            }
        }
        finally
        {
            order?.Dispose();
        }
    }

    /// <summary>The fraction of <paramref name="images"/> the model classifies correctly.</summary>
    private static double Accuracy(SmallCnn model, Tensor images, Tensor labels)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long correct = 0;
        for (long start = 0; start < images.shape[0]; start += 1000)
        {
            var count = Math.Min(1000, images.shape[0] - start);
            var predicted = model.call(images.narrow(0, start, count)).argmax(1);
            correct += predicted.eq(labels.narrow(0, start, count)).sum().ToInt64();
        }

        model.train();
        return (double)correct / images.shape[0];
    }
}
