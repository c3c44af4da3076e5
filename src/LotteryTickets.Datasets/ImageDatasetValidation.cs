using System.Globalization;

namespace LotteryTickets.Datasets;

/// <summary>
/// The checks of an <see cref="ImageDataset"/>'s contents and of the arguments that read its samples, each failing
/// with a message that names the dataset.
/// </summary>
internal static class ImageDatasetValidation
{
    /// <summary>Checks a new dataset: its name, shape and class count, one label per sample, labels and normalisation.</summary>
    public static void Validate(
        string name, long pixelCount, SampleShape shape, int[] labels, int classCount, Normalization? normalization)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labels);
        shape.Validate();
        if (classCount <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(classCount), classCount, $"The dataset '{name}' must have at least one class.");
        }

        if (pixelCount != (long)labels.Length * shape.Size)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"The dataset '{name}' has {pixelCount} pixel values but {labels.Length} labels of samples of {shape} need {(long)labels.Length * shape.Size}; give one label per sample and {shape.Size} values per sample."));
        }

        CheckLabels(name, labels, classCount);
        CheckNormalization(name, shape, normalization);
    }

    /// <summary>Checks that every label lies in [0, <paramref name="classCount"/>).</summary>
    public static void CheckLabels(string name, int[] labels, int classCount)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The label {labels[i]} of sample {i} in the dataset '{name}' is outside [0, {classCount}); labels must be class indices."));
            }
        }
    }

    /// <summary>Checks that <paramref name="normalization"/>, when given, has one mean and std per channel.</summary>
    public static void CheckNormalization(string name, SampleShape shape, Normalization? normalization)
    {
        if (normalization is not null && normalization.Channels != shape.Channels)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"The normalisation has {normalization.Channels} channels but the samples of the dataset '{name}' have {shape.Channels}; give one mean and std per channel."));
        }
    }

    /// <summary>Checks that sample <paramref name="index"/> exists and that a destination of <paramref name="destinationLength"/> holds exactly one sample.</summary>
    public static void CheckSampleArguments(ImageDataset dataset, int index, int destinationLength)
    {
        if ((uint)index >= (uint)dataset.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index), index, $"The dataset '{dataset.Name}' has {dataset.Count} samples.");
        }

        if (destinationLength != dataset.SampleShape.Size)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"The destination holds {destinationLength} values but one sample of {dataset.SampleShape} has {dataset.SampleShape.Size}."));
        }
    }
}
