using LotteryTickets.Analysis.Instability;
using LotteryTickets.Tests.Training;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Analysis.Instability;

public class LinearModeConnectivityTests
{
    private static InterpolationOptions Options() => new() { EvaluationBatchSize = 24 };

    [Test]
    public void TwoIdenticalNetworksHaveABarrierOfExactlyZeroAtEveryAlpha()
    {
        var (a, _) = InstabilityTestData.Trained(1, 7);
        using var model = a;
        using var copy = PlainMlp.Create(99);
        StateDicts.Load(copy, model.state_dict());

        var path = LinearModeConnectivity.Evaluate(model, copy, TinyTask.Test, points: 11, Options());

        Assert.That(path.Points, Has.Count.EqualTo(11));
        Assert.That(path.Points.Select(p => p.Error), Is.All.EqualTo(path.First.Error));
        Assert.That(path.Points.Select(p => BitConverter.DoubleToInt64Bits(p.Loss)), Is.All.EqualTo(BitConverter.DoubleToInt64Bits(path.First.Loss)));
        Assert.That(path.ErrorBarrier, Is.EqualTo(0.0));
        Assert.That(path.LossBarrier, Is.EqualTo(0.0));
    }

    [Test]
    public void TheEndpointsAreTheNetworksOwnTrainerEvaluationsBitForBitAndTheNetworksAreUnchanged()
    {
        var (a, evaluationA) = InstabilityTestData.Trained(1, 7);
        var (b, evaluationB) = InstabilityTestData.Trained(1, 8);
        using var first = a;
        using var second = b;
        using var before = PlainMlp.Create(5);
        StateDicts.Load(before, first.state_dict());
        var options = Options();
        options.TrainingSet = TinyTask.Test;

        var path = LinearModeConnectivity.Evaluate(first, second, TinyTask.Validation, points: 5, options);

        Assert.That(path.First.Loss, Is.EqualTo(evaluationA.ValidationLoss));
        Assert.That(path.First.Error, Is.EqualTo(1 - evaluationA.ValidationAccuracy));
        Assert.That(path.Last.Loss, Is.EqualTo(evaluationB.ValidationLoss));
        Assert.That(path.Last.Error, Is.EqualTo(1 - evaluationB.ValidationAccuracy));
        Assert.That(path.First.TrainLoss, Is.EqualTo(evaluationA.TestLoss), "the second set goes through the same code");
        Assert.That(path.Last.TrainError, Is.EqualTo(1 - evaluationB.TestAccuracy));
        Assert.That(path.Points.Select(p => p.Alpha), Is.EqualTo(new[] { 0, 0.25, 0.5, 0.75, 1 }));
        Assert.That(TinyTask.SameWeights(first, before), Is.True, "the first network is restored");
        Assert.That(first.training, Is.True, "its training mode too");
        Assert.That(path.First.Loss, Is.Not.EqualTo(path.Last.Loss), "the two networks differ, so the test can fail");
    }

    [Test]
    public void TheSameNetworksGiveTheSameNumbers()
    {
        var (a, _) = InstabilityTestData.Trained(1, 7);
        var (b, _) = InstabilityTestData.Trained(1, 8);
        using var first = a;
        using var second = b;

        var once = LinearModeConnectivity.Evaluate(first, second, TinyTask.Test, 7, Options());
        var twice = LinearModeConnectivity.Evaluate(first.state_dict(), second.state_dict(), () => PlainMlp.Create(3), TinyTask.Test, 7, Options());

        Assert.That(InterpolationPathJson.ToJson(twice), Is.EqualTo(InterpolationPathJson.ToJson(once)));
        Assert.That(once.ErrorBarrier, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void TheMaskIsReappliedSoPrunedWeightsArePlusZeroAtEveryEvaluatedPoint()
    {
        using var first = PlainMlp.Create(1);
        using var second = PlainMlp.Create(2);
        using var mask = InstabilityTestData.HalfOfFc1(first);
        var seen = new List<int[]>();
        first.AtEvaluationForward = w => seen.Add(InstabilityTestData.PrunedBits(w));
        var options = Options();
        options.Mask = mask;

        LinearModeConnectivity.Evaluate(first, second, TinyTask.Test, 5, options);

        Assert.That(seen, Has.Count.EqualTo(5 * 3), "five points, three batches each");
        Assert.That(seen.SelectMany(b => b), Is.All.EqualTo(0), "+0.0 bit for bit");
        Assert.That(InstabilityTestData.PrunedBits(first.Fc1Weight), Has.Some.Not.EqualTo(0), "the networks' own pruned positions were not zero, so the mask did it");
    }

    [Test]
    public void NetworksWithDifferentStateDictsGiveAnExceptionNamingEveryMismatchedKey()
    {
        using var first = PlainMlp.Create(1);
        using var second = PlainMlp.Create(2, hidden: 16);

        var e = Assert.Throws<ArgumentException>(() => LinearModeConnectivity.Evaluate(first, second, TinyTask.Test, 3))!;

        Assert.That(e.Message, Does.StartWith("The two networks' state dicts do not match"));
        Assert.That(e.Message, Does.Contain("'fc1.weight' has shape [32, 64] in the first network and [16, 64] in the second."));
        Assert.That(e.Message, Does.Contain("'fc2.weight' has shape [4, 32] in the first network and [4, 16] in the second."));
        var extra = new Dictionary<string, Tensor>(first.state_dict()) { ["extra.weight"] = torch.zeros(2) };
        var missing = Assert.Throws<ArgumentException>(() => StateInterpolation.CheckCompatible(first.state_dict(), extra))!;
        Assert.That(missing.Message, Does.Contain("'extra.weight' is in the second network's state dict only."));
    }

    [Test]
    public void ABatchNormNetworkWithoutTrainingBatchesIsRefusedWithAClearMessage()
    {
        using var first = new BatchNormConvNet(1);
        using var second = new BatchNormConvNet(2);

        var e = Assert.Throws<ArgumentException>(() => LinearModeConnectivity.Evaluate(first, second, TinyTask.Test, 3))!;

        Assert.That(e.Message, Does.StartWith("The network has batch-norm layers ('bn1')"));
        Assert.That(e.Message, Does.Contain("'InterpolationOptions.TrainingSet'"));
    }

    [Test]
    public void AtLeastTwoPointsAreNeeded()
    {
        using var first = PlainMlp.Create(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearModeConnectivity.Evaluate(first, first, TinyTask.Test, 1));
    }
}
