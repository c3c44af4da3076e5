using LotteryTickets.Pruning;

namespace LotteryTickets.Tests.Pruning;

public sealed class OneShotTests
{
    [Test]
    public void LayerwisePrunesEveryLayerToTheTargetOnceWithOverrides()
    {
        var schedule = new OneShot(new OneShotOptions { Sparsity = 0.9, LayerSparsities = { ["fc3.weight"] = 0.5 } });
        Assert.That(schedule.Levels, Is.EqualTo(1));
        var step = schedule.GetLevel(1, Layers.LeNet300100);
        Assert.That(step.Layers.Select(l => (l.Layer.Name, l.Amount)), Is.EqualTo(new[]
        {
            ("fc1.weight", PruneAmount.TargetSparsity(0.9)),
            ("fc2.weight", PruneAmount.TargetSparsity(0.9)),
            ("fc3.weight", PruneAmount.TargetSparsity(0.5)),
        }));
        Assert.That(step.Layers[0].Amount.PrunedAfter(235_200, 235_200), Is.EqualTo(211_680));
    }

    [Test]
    public void GlobalScopeSetsOneTargetOverAllParticipatingWeights()
    {
        var step = new OneShot(0.75, PruningScope.Global).GetLevel(1, Layers.Conv2);
        Assert.That(step.GlobalAmount, Is.EqualTo(PruneAmount.TargetSparsity(0.75)));
        Assert.That(step.Layers, Has.Count.EqualTo(5));
    }

    [Test]
    public void OnlyLevelOneExists() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneShot(0.5).GetLevel(2, Layers.Conv2));

    [Test]
    public void InvalidOptionsAreReportedAllAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new OneShot(new OneShotOptions
        {
            Sparsity = 1,
            Scope = PruningScope.Global,
            LayerSparsities = { ["fc1.weight"] = 0.5 },
        }));
        var nl = Environment.NewLine;
        Assert.That(e!.Message, Is.EqualTo(
            $"The 'OneShotOptions' are invalid. Correct the following and try again:{nl}" +
            $"- 'Sparsity' is 1; it must be at least 0 and less than 1.{nl}" +
            $"- 'LayerSparsities' is set but 'Scope' is Global, where one sparsity spans all layers; clear 'LayerSparsities' or use Layerwise scope. (Parameter 'options')"));
    }
}
