using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// The <c>training.augmentation</c> section: the CIFAR augmentation of training samples (<see cref="RandomCropFlip"/>),
/// pad by <see cref="Padding"/> pixels, crop back at a random offset, mirror left–right with probability ½, drawn from
/// the run's data-order seed, the epoch and the sample (so each trial, run and instability copy has its own).
/// </summary>
public sealed class AugmentationSection
{
    /// <summary>The padding on each side, in pixels, 0 or more.</summary>
    /// <value>The default value is 4.</value>
    public int Padding { get; set; } = 4;

    /// <summary>Whether to mirror images left–right with probability ½.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HorizontalFlip { get; set; } = true;
}
