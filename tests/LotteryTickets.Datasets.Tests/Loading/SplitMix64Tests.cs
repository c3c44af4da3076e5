using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Datasets.Tests.Loading;

public class SplitMix64Tests
{
    [Test]
    public void SeedZeroGivesTheReferenceSequence()
    {
        // Vigna's splitmix64.c with x = 0.
        var random = new SplitMix64(0);

        Assert.That(
            new[] { random.Next(), random.Next(), random.Next() },
            Is.EqualTo(new[] { 0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL }));
    }

    [Test]
    public void BoundedDrawsStayBelowTheBoundAndCoverIt()
    {
        var random = new SplitMix64(5);
        var seen = new int[7];
        for (var i = 0; i < 7000; i++)
        {
            seen[(int)random.NextBelow(7)]++;
        }

        Assert.That(seen, Is.All.InRange(850, 1150));
    }

    [Test]
    public void DerivedSeedsDependOnEveryInput()
    {
        var seeds = new[]
        {
            SplitMix64.Derive(1, 1, 0, 0), SplitMix64.Derive(2, 1, 0, 0), SplitMix64.Derive(1, 2, 0, 0),
            SplitMix64.Derive(1, 1, 1, 0), SplitMix64.Derive(1, 1, 0, 1),
        };

        Assert.That(seeds, Is.Unique);
    }
}
