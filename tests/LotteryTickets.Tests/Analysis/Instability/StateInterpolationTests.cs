using LotteryTickets.Analysis.Instability;
using LotteryTickets.Masks;
using LotteryTickets.Tests.Training;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Analysis.Instability;

public class StateInterpolationTests
{
    [Test]
    public void WeightsPrunedInBothNetworksArePlusZeroAtEveryAlphaEvenFromMinusZero()
    {
        using var first = PlainMlp.Create(1);
        using var second = PlainMlp.Create(2);
        using var mask = InstabilityTestData.HalfOfFc1(first);
        using (var maskedFirst = new MaskedModel(first, mask))
        using (var maskedSecond = new MaskedModel(second, mask))
        {
            maskedFirst.ApplyToWeights();
            maskedSecond.ApplyToWeights();
        }

        using (no_grad())
        {
            // −0.0 at the pruned positions of both networks: (1 − α)·(−0) + α·(−0) is −0.0 in plain arithmetic.
            foreach (var model in new[] { first, second })
            {
                var pruned = mask["fc1.weight"].eq(0);
                model.Fc1Weight.masked_fill_(pruned, -0.0);
            }
        }

        Assert.That(InstabilityTestData.PrunedBits(first.Fc1Weight), Is.All.EqualTo(BitConverter.SingleToInt32Bits(-0.0f)), "the set-up has −0.0");
        for (var i = 1; i < 10; i++)
        {
            var state = StateInterpolation.Interpolate(first.state_dict(), second.state_dict(), i / 10.0);
            try
            {
                Assert.That(InstabilityTestData.PrunedBits(state["fc1.weight"]), Is.All.EqualTo(0), $"α = {i / 10.0}");
            }
            finally
            {
                StateDicts.DisposeAll(state.Values);
            }
        }
    }

    [Test]
    public void TheEndsAreTheNetworksBitForBitAndTheMiddleIsTheAverage()
    {
        using var first = PlainMlp.Create(1);
        using var second = PlainMlp.Create(2);
        var a = StateInterpolation.Interpolate(first.state_dict(), second.state_dict(), 0);
        var b = StateInterpolation.Interpolate(first.state_dict(), second.state_dict(), 1);
        var middle = StateInterpolation.Interpolate(first.state_dict(), second.state_dict(), 0.5);
        try
        {
            Assert.That(a.Keys, Is.EqualTo(first.state_dict().Keys));
            Assert.That(a.All(e => TinyTask.SameBits(e.Value, first.state_dict()[e.Key])), Is.True);
            Assert.That(b.All(e => TinyTask.SameBits(e.Value, second.state_dict()[e.Key])), Is.True);
            using var expected = first.Fc1Weight.add(second.Fc1Weight).div(2);
            Assert.That(middle["fc1.weight"].allclose(expected, rtol: 1e-6, atol: 1e-7), Is.True);
        }
        finally
        {
            StateDicts.DisposeAll(a.Values.Concat(b.Values).Concat(middle.Values));
        }
    }

    [Test]
    public void IntegerBuffersAreTakenFromTheFirstNetwork()
    {
        using var first = new BatchNormConvNet(1);
        using var second = new BatchNormConvNet(2);
        using (no_grad())
        {
            first.Bn1.num_batches_tracked!.fill_(3);
            second.Bn1.num_batches_tracked!.fill_(8);
        }

        var state = StateInterpolation.Interpolate(first.state_dict(), second.state_dict(), 0.75);
        try
        {
            Assert.That(state["bn1.num_batches_tracked"].ToInt64(), Is.EqualTo(3));
        }
        finally
        {
            StateDicts.DisposeAll(state.Values);
        }
    }

    [Test]
    public void TheAlphasAreEvenlySpacedAndExactAtTheEnds()
    {
        Assert.That(Enumerable.Range(0, 4).Select(i => StateInterpolation.Alpha(i, 4)), Is.EqualTo(new[] { 0, 1 / 3.0, 2 / 3.0, 1 }));
        Assert.That(StateInterpolation.Alpha(30, 31), Is.EqualTo(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StateInterpolation.Interpolate(new Dictionary<string, Tensor>(), new Dictionary<string, Tensor>(), 1.5));
    }
}
