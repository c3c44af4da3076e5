using System.Globalization;
using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Datasets.Variants;

/// <summary>
/// The data sanity checks of Su et al., "Sanity-Checking Pruning Methods: Random Tickets can Win the Jackpot":
/// random labels, shuffled pixels and a fixed random subset. Each is a pure function of the dataset and a seed.
/// </summary>
public static class SanityCheckVariants
{
    /// <summary>The same images with labels drawn uniformly from the classes, independently of the images.</summary>
    public static ImageDataset WithRandomLabels(this ImageDataset dataset, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var random = new SplitMix64(SplitMix64.Derive(seed, RandomStreams.RandomLabels));
        var labels = new int[dataset.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (int)random.NextBelow((ulong)dataset.ClassCount);
        }

        return dataset.WithLabels(labels, dataset.Name + "+random-labels");
    }

    /// <summary>The pixel permutation <see cref="WithShuffledPixels"/> applies: output position p takes input position <c>permutation[p]</c>.</summary>
    public static int[] PixelPermutation(SampleShape shape, ulong seed)
    {
        var permutation = new int[shape.PlaneSize];
        for (var p = 0; p < permutation.Length; p++)
        {
            permutation[p] = p;
        }

        var random = new SplitMix64(SplitMix64.Derive(seed, RandomStreams.ShuffledPixels));
        random.Shuffle<int>(permutation);
        return permutation;
    }

    /// <summary>
    /// The images with their pixel positions shuffled by one fixed seeded permutation, the same for every image and
    /// every channel (so a pixel's channels stay together), and the same labels.
    /// </summary>
    public static ImageDataset WithShuffledPixels(this ImageDataset dataset, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var shape = dataset.SampleShape;
        var permutation = PixelPermutation(shape, seed);
        var planes = dataset.Count * shape.Channels;
        var name = dataset.Name + "+shuffled-pixels";
        if (dataset.BytePixelArray is { } bytes)
        {
            var result = new byte[bytes.LongLength];
            Permute<byte>(bytes, result, planes, permutation);
            return dataset.WithPixels(result, null, name);
        }

        var floats = dataset.FloatPixelArray!;
        var shuffled = new float[floats.LongLength];
        Permute<float>(floats, shuffled, planes, permutation);
        return dataset.WithPixels(null, shuffled, name);
    }

    /// <summary>A fixed random subset of <paramref name="count"/> samples, kept in their original order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or above <see cref="ImageDataset.Count"/>.</exception>
    public static ImageDataset RandomSubset(this ImageDataset dataset, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (count < 0 || count > dataset.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count),
                count,
                string.Create(CultureInfo.InvariantCulture, $"A subset of '{dataset.Name}' must have between 0 and {dataset.Count} samples."));
        }

        var order = new int[dataset.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new SplitMix64(SplitMix64.Derive(seed, RandomStreams.Subset));
        random.Shuffle<int>(order);
        var chosen = order.AsSpan(0, count);
        chosen.Sort();
        return dataset.Select(chosen, dataset.Name + string.Create(CultureInfo.InvariantCulture, $"+subset-{count}"));
    }

    /// <summary>A fixed random subset of the given fraction of the samples (rounded to the nearest count), such as 0.5 for Su et al.'s half data.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1].</exception>
    public static ImageDataset RandomSubset(this ImageDataset dataset, double fraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The subset fraction must be between 0 and 1.");
        }

        return dataset.RandomSubset((int)Math.Round(fraction * dataset.Count, MidpointRounding.AwayFromZero), seed);
    }

    private static void Permute<T>(T[] source, T[] destination, int planes, int[] permutation)
    {
        var planeSize = permutation.Length;
        for (var plane = 0; plane < planes; plane++)
        {
            var from = source.AsSpan(plane * planeSize, planeSize);
            var to = destination.AsSpan(plane * planeSize, planeSize);
            for (var p = 0; p < planeSize; p++)
            {
                to[p] = from[permutation[p]];
            }
        }
    }
}
