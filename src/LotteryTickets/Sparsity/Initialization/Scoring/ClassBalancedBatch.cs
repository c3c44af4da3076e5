using System.Globalization;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Initialization;

/// <summary>
/// The scoring batch of SNIP and GraSP as Su et al. and Wang et al. draw it (<c>GraSP_fetch_data</c>): a fixed number of
/// samples of every class. The choice is a pure function of the dataset and a seed: the samples are visited in one
/// seeded random order and the first <c>samplesPerClass</c> of each class are taken; the batch holds class 0's samples
/// first, then class 1's, and so on, each class in that random order.
/// </summary>
public static class ClassBalancedBatch
{
    /// <summary>The default number of samples per class, 10, as Su et al. use for SNIP and GraSP on CIFAR.</summary>
    public const int DefaultSamplesPerClass = 10;

    /// <summary>The indices of the chosen samples, grouped by class in class order.</summary>
    /// <param name="dataset">The dataset to draw from (not modified).</param>
    /// <param name="samplesPerClass">How many samples of each class to take, at least 1.</param>
    /// <param name="seed">The seed of the random visiting order.</param>
    /// <returns><c>ClassCount × samplesPerClass</c> distinct indices.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samplesPerClass"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A class has fewer than <paramref name="samplesPerClass"/> samples; the message names every such class.</exception>
    public static int[] Indices(ImageDataset dataset, int samplesPerClass, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerClass, 1);
        var order = new int[dataset.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new SplitMix64(SplitMix64.Derive(seed, 0x5C0121A6_BA7C4E5UL));
        random.Shuffle<int>(order);
        var chosen = new List<int>[dataset.ClassCount];
        for (var c = 0; c < chosen.Length; c++)
        {
            chosen[c] = new List<int>(samplesPerClass);
        }

        var labels = dataset.Labels;
        foreach (var i in order)
        {
            var list = chosen[labels[i]];
            if (list.Count < samplesPerClass)
            {
                list.Add(i);
            }
        }

        var tooFew = Enumerable.Range(0, chosen.Length).Where(c => chosen[c].Count < samplesPerClass).ToList();
        if (tooFew.Count > 0)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The dataset '{dataset.Name}' has fewer than {samplesPerClass} samples of the class(es) {string.Join(", ", tooFew.Select(c => $"{c} ({chosen[c].Count})"))}; a class-balanced batch needs {samplesPerClass} of every class. Lower the samples per class or use more data."),
                nameof(dataset));
        }

        return [.. chosen.SelectMany(l => l)];
    }

    /// <summary>The chosen samples as a new dataset (see <see cref="Indices"/>).</summary>
    /// <param name="dataset">The dataset to draw from (not modified).</param>
    /// <param name="samplesPerClass">How many samples of each class to take, at least 1.</param>
    /// <param name="seed">The seed of the random visiting order.</param>
    /// <returns>A dataset of <c>ClassCount × samplesPerClass</c> samples, grouped by class.</returns>
    /// <exception cref="ArgumentException">A class has too few samples.</exception>
    public static ImageDataset Select(ImageDataset dataset, int samplesPerClass, ulong seed) =>
        dataset.Select(Indices(dataset, samplesPerClass, seed), dataset.Name + string.Create(CultureInfo.InvariantCulture, $"+balanced-{samplesPerClass}"));
}
