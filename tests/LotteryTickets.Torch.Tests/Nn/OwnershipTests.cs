using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

public class OwnershipTests
{
    private static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Tensor.LiveCount;
    }

    [Test]
    public void AModelBuiltInsideAScopeOutlivesItAndDisposingTheModelReleasesEverything()
    {
        var start = SettledLiveCount();
        Module model;
        using (var scope = DisposeScope.Begin())
        {
            model = TestModels.SmallConvNet(1);
            model.Forward(Tensor.Randn([2, 1, 8, 8])).Sum().Backward();
            _ = model.StateDict();
        }

        var owned = model.Parameters().Count() + model.Buffers().Count();
        Assert.That(model.Parameters().Concat(model.Buffers()).Any(t => t.IsDisposed), Is.False);
        Assert.That(Tensor.LiveCount - start, Is.EqualTo(owned));

        model.Dispose();

        Assert.That(Tensor.LiveCount, Is.EqualTo(start));
        Assert.That(model.IsDisposed, Is.True);
    }

    [Test]
    public void TrainingStepsInsideScopesHoldAConstantNumberOfLiveTensors()
    {
        using var model = TestModels.SmallConvNet(2);
        using var x = Tensor.Randn([4, 1, 8, 8]).DetachFromScope();
        using var y = Tensor.FromArray(new long[] { 0, 1, 2, 1 }).DetachFromScope();
        var start = SettledLiveCount();
        for (var step = 0; step < 5; step++)
        {
            using var scope = DisposeScope.Begin();
            model.ZeroGrad();
            Functional.CrossEntropy(model.Forward(x), y).Backward();
            using (Autograd.NoGrad())
            {
                foreach (var p in model.Parameters())
                {
                    p.Sub_(p.Grad!.Mul(0.01));
                }
            }
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(start));
    }
}
