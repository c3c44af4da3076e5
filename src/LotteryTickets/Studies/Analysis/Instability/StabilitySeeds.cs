using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Analysis.Instability;

/// <summary>The data-order seeds of the two copies of a stability test, which differ in nothing else.</summary>
/// <param name="CopyA">The data-order seed of copy A.</param>
/// <param name="CopyB">The data-order seed of copy B; never equal to <paramref name="CopyA"/> when made by <see cref="Derive"/>.</param>
public readonly record struct StabilitySeeds(ulong CopyA, ulong CopyB)
{
    private const ulong Stream = 0x7374_6162_6C65_0007;

    /// <summary>
    /// Derives two distinct data-order seeds from one seed with SplitMix64 (the same on every platform), so a trial's
    /// copies draw their data orders from its seed alone.
    /// </summary>
    /// <param name="seed">The seed, e.g. a trial's data-order seed.</param>
    /// <returns>The two seeds.</returns>
    public static StabilitySeeds Derive(ulong seed)
    {
        var a = SplitMix64.Derive(seed, Stream, 0);
        var b = SplitMix64.Derive(seed, Stream, 1);
        for (ulong k = 2; b == a; k++)
        {
            b = SplitMix64.Derive(seed, Stream, k);
        }

        return new StabilitySeeds(a, b);
    }
}
