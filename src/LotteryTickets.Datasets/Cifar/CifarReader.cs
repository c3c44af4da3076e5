using System.Globalization;

namespace LotteryTickets.Datasets.Cifar;

/// <summary>
/// Reads CIFAR-10 and CIFAR-100 in their binary format: fixed-size records of label byte(s) followed by
/// 3 × 32 × 32 pixel bytes (the red plane, then green, then blue). CIFAR-10 records have one label byte
/// (3,073 bytes); CIFAR-100 records have a coarse and a fine label byte (3,074 bytes).
/// </summary>
public static class CifarReader
{
    /// <summary>The shape of one CIFAR image.</summary>
    public static readonly SampleShape ImageShape = new(3, 32, 32);

    /// <summary>The CIFAR-10 training files, in order.</summary>
    public static IReadOnlyList<string> Cifar10TrainFiles { get; } =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    /// <summary>The CIFAR-10 test file.</summary>
    public const string Cifar10TestFile = "test_batch.bin";

    /// <summary>The CIFAR-100 training file.</summary>
    public const string Cifar100TrainFile = "train.bin";

    /// <summary>The CIFAR-100 test file.</summary>
    public const string Cifar100TestFile = "test.bin";

    /// <summary>Reads CIFAR-10 batch files, concatenated in the given order, into one dataset of 10 classes.</summary>
    /// <exception cref="DatasetFormatException">A file's size is not a whole number of records, or a label is above 9.</exception>
    /// <exception cref="DatasetNotFoundException">A file cannot be opened.</exception>
    public static ImageDataset ReadCifar10(string name, IReadOnlyList<string> paths, Normalization? normalization = null) =>
        Read(name, paths, labelBytes: 1, labelOffset: 0, classCount: 10, normalization);

    /// <summary>Reads a CIFAR-100 file with the chosen labels (100 fine or 20 coarse classes).</summary>
    /// <exception cref="DatasetFormatException">The file's size is not a whole number of records, or a label is out of range.</exception>
    /// <exception cref="DatasetNotFoundException">The file cannot be opened.</exception>
    public static ImageDataset ReadCifar100(string name, string path, CifarLabelKind labels = CifarLabelKind.Fine, Normalization? normalization = null) =>
        Read(name, [path], labelBytes: 2, labelOffset: labels == CifarLabelKind.Fine ? 1 : 0, classCount: labels == CifarLabelKind.Fine ? 100 : 20, normalization);

    private static ImageDataset Read(
        string name, IReadOnlyList<string> paths, int labelBytes, int labelOffset, int classCount, Normalization? normalization)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var imageSize = ImageShape.Size;
        var recordSize = labelBytes + imageSize;
        var files = new List<byte[]>(paths.Count);
        long total = 0;
        foreach (var path in paths)
        {
            var bytes = Idx.IdxReader.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Length % recordSize != 0)
            {
                var whole = bytes.Length / recordSize;
                throw new DatasetFormatException(path, string.Create(
                    CultureInfo.InvariantCulture,
                    $"The CIFAR file '{path}' has {bytes.Length} bytes, which is not a positive whole number of {recordSize}-byte records ({labelBytes} label byte{(labelBytes == 1 ? "" : "s")} + {imageSize} pixel bytes): {whole} whole records and {bytes.Length - whole * recordSize} bytes left over. The file is truncated or is not a CIFAR-{(labelBytes == 1 ? "10" : "100")} binary file; replace it with a complete copy."));
            }

            files.Add(bytes);
            total += bytes.Length / recordSize;
        }

        var count = checked((int)total);
        var pixels = new byte[(long)count * imageSize];
        var labels = new int[count];
        var sample = 0;
        for (var f = 0; f < files.Count; f++)
        {
            var bytes = files[f];
            for (var offset = 0; offset < bytes.Length; offset += recordSize, sample++)
            {
                var label = bytes[offset + labelOffset];
                if (label >= classCount)
                {
                    throw new DatasetFormatException(paths[f], string.Create(
                        CultureInfo.InvariantCulture,
                        $"The CIFAR file '{paths[f]}' holds the label {label} in record {offset / recordSize}, but the dataset has {classCount} classes (labels 0 to {classCount - 1}). The file is corrupt or of another CIFAR variant; replace it."));
                }

                labels[sample] = label;
                bytes.AsSpan(offset + labelBytes, imageSize).CopyTo(pixels.AsSpan(sample * imageSize, imageSize));
            }
        }

        return ImageDataset.FromBytes(name, pixels, ImageShape, labels, classCount, normalization);
    }
}
