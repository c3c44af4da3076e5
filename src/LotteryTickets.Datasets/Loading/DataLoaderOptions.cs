using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Loading;

/// <summary>The options of a <see cref="DataLoader"/>.</summary>
public sealed class DataLoaderOptions
{
    /// <summary>The default batch size (Frankle &amp; Carbin's LeNet batch size).</summary>
    public const int DefaultBatchSize = 60;

    /// <summary>The number of samples per batch.</summary>
    /// <value>The default value is 60.</value>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Whether to visit samples in a seeded random order that changes with each epoch.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Shuffle { get; init; } = true;

    /// <summary>Whether to drop a last batch that would be smaller than <see cref="BatchSize"/>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DropLast { get; init; }

    /// <summary>The seed of the shuffle order and of the augmentation.</summary>
    /// <value>The default value is 0.</value>
    public ulong Seed { get; init; }

    /// <summary>The device on which batches are created.</summary>
    /// <value>The default value is the CPU (<c>torch.CPU</c>).</value>
    public Device Device { get; init; } = torch.CPU;

    /// <summary>The augmentation applied to each sample, or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public RandomCropFlip? Augmentation { get; init; }

    /// <summary>
    /// Whether to convert the whole dataset once into tensors on <see cref="Device"/> (at the first batch; shared by
    /// every preloading loader of the dataset) and cut every batch from them with one index-select, instead of
    /// assembling each batch on the host and copying it over. The batches hold the same values either way; preloading
    /// costs the dataset's size in memory on the device until <see cref="ImageDataset.ReleasePreloaded()"/>, and cannot
    /// be combined with <see cref="Augmentation"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Preload { get; init; }

    /// <summary>Checks every option at once against <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">Lists every invalid option.</exception>
    internal void Validate(ImageDataset dataset)
    {
        var errors = new List<string>();
        if (BatchSize <= 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"'BatchSize' is {BatchSize}; it must be at least 1."));
        }
        else if (DropLast && BatchSize > dataset.Count)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"'DropLast' is set and 'BatchSize' ({BatchSize}) exceeds the {dataset.Count} samples of '{dataset.Name}', so an epoch would have no batch; lower the batch size or clear 'DropLast'."));
        }

        if (dataset.Count == 0)
        {
            errors.Add($"The dataset '{dataset.Name}' is empty; a loader needs at least one sample.");
        }

        if (Augmentation is { } a)
        {
            if (a.Padding < 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"'Augmentation.Padding' is {a.Padding}; it must be 0 or more."));
            }

            if (Preload)
            {
                errors.Add("'Preload' is set together with 'Augmentation', whose crops and flips differ per epoch; clear one of the two.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "The 'DataLoaderOptions' are invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)));
        }
    }
}
