namespace LotteryTickets.Datasets.Loading;

/// <summary>
/// The standard CIFAR augmentation: pad each image by <see cref="Padding"/> pixels of raw value 0 on every
/// side, crop back to the original size at a random offset, then mirror left–right with probability ½.
/// The choices for a sample are a pure function of (loader seed, epoch, sample index).
/// </summary>
public sealed class RandomCropFlip
{
    /// <summary>The padding on each side, in pixels.</summary>
    /// <value>The default value is 4.</value>
    public int Padding { get; init; } = 4;

    /// <summary>Whether to mirror images left–right with probability ½.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HorizontalFlip { get; init; } = true;

    /// <summary>The crop offset (0 … 2·Padding in each direction) and flip chosen for a sample.</summary>
    /// <param name="seed">The loader's seed.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="sampleIndex">The index of the sample in the dataset.</param>
    /// <returns>The row offset, the column offset into the padded image, and whether to flip.</returns>
    public (int Dy, int Dx, bool Flip) ChoicesFor(ulong seed, int epoch, int sampleIndex)
    {
        var random = new SplitMix64(SplitMix64.Derive(seed, RandomStreams.Augmentation, (ulong)epoch, (ulong)sampleIndex));
        var span = (ulong)(2 * Padding + 1);
        var dy = (int)random.NextBelow(span);
        var dx = (int)random.NextBelow(span);
        var flip = HorizontalFlip && (random.Next() >> 63) == 1;
        return (dy, dx, flip);
    }
}
