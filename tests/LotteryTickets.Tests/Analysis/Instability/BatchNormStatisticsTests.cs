using LotteryTickets.Analysis.Instability;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Analysis.Instability;

public class BatchNormStatisticsTests
{
    [Test]
    public void RecomputedStatisticsAreTheAverageOverTheBatchesAndRepeatBitForBit()
    {
        using var model = new BatchNormConvNet(1);
        model.eval();
        var momentum = model.Bn1.momentum;

        var used = BatchNormStatistics.Recompute(model, TinyTask.Train, batches: 4, batchSize: 32, seed: 11);
        using var mean = model.Bn1.running_mean!.clone();
        using var variance = model.Bn1.running_var!.clone();

        Assert.That(used, Is.EqualTo(4));
        Assert.That(model.Bn1.num_batches_tracked!.ToInt64(), Is.EqualTo(4));
        Assert.That(model.Bn1.momentum, Is.EqualTo(momentum), "momentum restored");
        Assert.That(model.training, Is.False, "mode restored");
        var loader = new DataLoader(TinyTask.Train, new DataLoaderOptions { BatchSize = 32, Shuffle = true, Seed = 11 });
        using (torch.NewDisposeScope())
        using (no_grad())
        {
            var batchMeans = Enumerable.Range(0, 4).Select(_ => model.Conv1.call(loader.Next().Images).mean([0, 2, 3])).ToArray();
            var expected = torch.stack(batchMeans).mean([0]);
            Assert.That(mean.allclose(expected, rtol: 1e-5, atol: 1e-6), Is.True, "a plain average of the batch means (momentum None)");
        }

        using (no_grad())
        {
            model.Bn1.running_mean!.fill_(5);
            model.Bn1.running_var!.fill_(5);
        }

        BatchNormStatistics.Recompute(model, TinyTask.Train, batches: 4, batchSize: 32, seed: 11);
        Assert.That(TinyTask.SameBits(model.Bn1.running_mean!, mean), Is.True);
        Assert.That(TinyTask.SameBits(model.Bn1.running_var!, variance), Is.True);
        Assert.That(variance.allclose(torch.ones(4)), Is.False, "the statistics changed from their reset values");
    }

    [Test]
    public void APathOfABatchNormNetworkRecomputesItsStatisticsAtEachPointDeterministically()
    {
        using var first = new BatchNormConvNet(1);
        using var second = new BatchNormConvNet(2);
        var options = new InterpolationOptions { EvaluationBatchSize = 24, TrainingSet = TinyTask.Train, BatchNormBatches = 3, BatchNormBatchSize = 32 };

        var once = LinearModeConnectivity.Evaluate(first, second, TinyTask.Test, 5, options);
        var twice = LinearModeConnectivity.Evaluate(first, second, TinyTask.Test, 5, options);
        options.BatchNormBatches = 0;
        var interpolated = LinearModeConnectivity.Evaluate(first, second, TinyTask.Test, 5, options);
        options.BatchNormBatches = 3;
        options.RecomputeBatchNormAtEndpoints = false;
        var ownEndpoints = LinearModeConnectivity.Evaluate(first, second, TinyTask.Test, 5, options);

        Assert.That(InterpolationPathJson.ToJson(twice), Is.EqualTo(InterpolationPathJson.ToJson(once)));
        Assert.That(once.Points[2].Loss, Is.Not.EqualTo(interpolated.Points[2].Loss), "recomputing changes the numbers");
        Assert.That(ownEndpoints.First, Is.EqualTo(interpolated.First), "without recomputing at the ends, they are the networks' own");
        Assert.That(ownEndpoints.Points[2], Is.EqualTo(once.Points[2]));
        Assert.That(first.Bn1.num_batches_tracked!.ToInt64(), Is.EqualTo(0), "the network's own buffers are restored");
    }
}
