namespace LotteryTickets.Initialization;

/// <summary>
/// The data a data-driven pruning-at-initialization method scores on: the training data, or one of Su et al.'s data
/// sanity checks built with <see cref="Datasets.Variants.SanityCheckVariants"/>.
/// </summary>
public enum ScoringDataVariant
{
    /// <summary>The training data as it is.</summary>
    Original,

    /// <summary>The training images with labels drawn uniformly at random (<c>WithRandomLabels</c>); transform names end in <c>_random_labels</c>.</summary>
    RandomLabels,

    /// <summary>
    /// The training images with their pixel positions shuffled by one fixed seeded permutation, labels kept
    /// (<c>WithShuffledPixels</c>); transform names end in <c>_shuffled_pixels</c>. Su et al.'s script draws a
    /// permutation per image and randomizes the labels as well; the library's variant isolates the pixel order.
    /// </summary>
    ShuffledPixels,
}
