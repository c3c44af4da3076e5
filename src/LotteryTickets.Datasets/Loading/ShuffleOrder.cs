namespace LotteryTickets.Datasets.Loading;

/// <summary>
/// The order in which a <see cref="DataLoader"/> visits samples: a pure function of (seed, epoch, count).
/// The permutation is Fisher–Yates over 0 … count − 1, from the last position down, drawing from
/// <see cref="SplitMix64"/> seeded with <c>SplitMix64.Derive(seed, 1, epoch)</c>; it is the same on every
/// platform and .NET version, so an experiment's data order is reproducible and can be rewound.
/// </summary>
public static class ShuffleOrder
{
    /// <summary>The sample order of <paramref name="epoch"/> for a dataset of <paramref name="count"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count or the epoch is negative.</exception>
    public static int[] Permutation(int count, ulong seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var random = new SplitMix64(SplitMix64.Derive(seed, RandomStreams.Shuffle, (ulong)epoch));
        random.Shuffle<int>(order);
        return order;
    }
}
