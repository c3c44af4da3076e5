using LotteryTickets.Datasets.Loading;
using LotteryTickets.Tickets;

namespace LotteryTickets.Supermasks;

/// <summary>Independent seeds derived from one base seed and a purpose name (and up to two counters).</summary>
internal static class SupermaskSeeds
{
    public static ulong Derive(ulong seed, string purpose, ulong a = 0, ulong b = 0) => SplitMix64.Derive(seed, StableHash.Of(purpose), a, b);
}
