using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Datasets.Tests.Loading;

public class LoaderPositionTests
{
    [Test]
    public void AnIterationMapsToAnEpochAndBatchAndBack()
    {
        var position = LoaderPosition.FromIteration(2503, batchesPerEpoch: 1000);

        Assert.Multiple(() =>
        {
            Assert.That(position, Is.EqualTo(new LoaderPosition(2, 503)));
            Assert.That(position.ToIteration(1000), Is.EqualTo(2503));
            Assert.That(position.ToString(), Is.EqualTo("epoch 2, batch 503"));
        });
    }
}
