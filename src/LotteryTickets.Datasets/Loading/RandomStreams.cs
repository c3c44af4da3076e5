namespace LotteryTickets.Datasets.Loading;

/// <summary>The stream tags that keep the library's seeded random streams independent of each other.</summary>
internal static class RandomStreams
{
    public const ulong Shuffle = 1;
    public const ulong Augmentation = 2;
    public const ulong RandomLabels = 3;
    public const ulong ShuffledPixels = 4;
    public const ulong Subset = 5;
    public const ulong Synthetic = 6;
}
