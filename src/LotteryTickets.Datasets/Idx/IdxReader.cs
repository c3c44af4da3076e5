using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace LotteryTickets.Datasets.Idx;

/// <summary>
/// Reads the IDX files of MNIST, Fashion-MNIST and KMNIST, raw or gzip-compressed (recognised by
/// the gzip magic bytes 1F 8B, not by the file name). Every problem is a
/// <see cref="DatasetFormatException"/> or <see cref="DatasetNotFoundException"/> naming the file.
/// </summary>
public static class IdxReader
{
    /// <summary>The magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an IDX image file.</summary>
    /// <exception cref="DatasetFormatException">The magic number is wrong or the file is truncated or too long.</exception>
    /// <exception cref="DatasetNotFoundException">The file cannot be opened.</exception>
    public static IdxImages ReadImages(string path)
    {
        using var stream = OpenDecompressed(path);
        var header = ReadHeader(path, stream, ImagesMagic, 16, "images");
        var count = ReadDimension(path, header, 4, "image count");
        var rows = ReadDimension(path, header, 8, "row count");
        var columns = ReadDimension(path, header, 12, "column count");
        var content = string.Create(CultureInfo.InvariantCulture, $"{count} images of {rows}×{columns}");
        var pixels = ReadBody(path, stream, 16, (long)count * rows * columns, content);
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Reads an IDX label file.</summary>
    /// <exception cref="DatasetFormatException">The magic number is wrong or the file is truncated or too long.</exception>
    /// <exception cref="DatasetNotFoundException">The file cannot be opened.</exception>
    public static byte[] ReadLabels(string path)
    {
        using var stream = OpenDecompressed(path);
        var header = ReadHeader(path, stream, LabelsMagic, 8, "labels");
        var count = ReadDimension(path, header, 4, "label count");
        return ReadBody(path, stream, 8, count, string.Create(CultureInfo.InvariantCulture, $"{count} labels"));
    }

    /// <summary>
    /// Reads an image file and its label file into a dataset of 1×rows×columns byte images.
    /// </summary>
    /// <param name="name">The dataset's name, for messages.</param>
    /// <param name="imagesPath">The IDX image file.</param>
    /// <param name="labelsPath">The IDX label file.</param>
    /// <param name="classCount">The number of classes; every label must be below it.</param>
    /// <param name="normalization">The normalisation to attach, or <see langword="null"/>.</param>
    /// <exception cref="DatasetFormatException">Either file is malformed, the counts differ, or a label is out of range.</exception>
    public static ImageDataset ReadDataset(
        string name, string imagesPath, string labelsPath, int classCount, Normalization? normalization = null)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (images.Count != labels.Length)
        {
            throw new DatasetFormatException(labelsPath, string.Create(
                CultureInfo.InvariantCulture,
                $"The label file '{labelsPath}' holds {labels.Length} labels but the image file '{imagesPath}' holds {images.Count} images; each image needs exactly one label. Check that both files belong to the same split (train or t10k) of the same dataset."));
        }

        var intLabels = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new DatasetFormatException(labelsPath, string.Create(
                    CultureInfo.InvariantCulture,
                    $"The label file '{labelsPath}' holds the label {labels[i]} at index {i}, but '{name}' has {classCount} classes (labels 0 to {classCount - 1}). The file is corrupt or belongs to another dataset; replace it."));
            }

            intLabels[i] = labels[i];
        }

        return ImageDataset.FromBytes(name, images.Pixels, new SampleShape(1, images.Rows, images.Columns), intLabels, classCount, normalization);
    }

    /// <summary>Reads a whole file, decompressing it when it starts with the gzip magic bytes.</summary>
    internal static byte[] ReadAllBytes(string path)
    {
        using var stream = OpenDecompressed(path);
        try
        {
            if (stream is FileStream file)
            {
                var bytes = new byte[file.Length];
                file.ReadExactly(bytes);
                return bytes;
            }

            using var output = new MemoryStream();
            stream.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw CorruptGzip(path, e);
        }
    }

    /// <summary>Opens a file for reading, through a gzip decompressor when it starts with the gzip magic bytes 1F 8B.</summary>
    internal static Stream OpenDecompressed(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetNotFoundException(
                path,
                [path],
                $"The dataset file '{path}' cannot be read: {e.Message} Check that the file exists and is readable, or point the loader at the folder that holds it.",
                e);
        }

        Span<byte> magic = stackalloc byte[2];
        var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
    }

    private static DatasetFormatException CorruptGzip(string path, Exception e) => new(
        path,
        $"The file '{path}' starts like a gzip file but cannot be decompressed ({e.Message}); it is probably truncated or corrupt. Replace it with a complete copy.",
        e);

    private static byte[] ReadHeader(string path, Stream stream, int magic, int headerLength, string kind)
    {
        var header = new byte[headerLength];
        int read;
        try
        {
            read = stream.ReadAtLeast(header, headerLength, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(path, e);
        }

        if (read < 4)
        {
            throw new DatasetFormatException(path, string.Create(
                CultureInfo.InvariantCulture,
                $"The IDX {kind} file '{path}' is truncated: it has {read} bytes, fewer than its 4-byte magic number. Replace it with a complete copy."));
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (found != magic)
        {
            var hint = found == (magic == ImagesMagic ? LabelsMagic : ImagesMagic)
                ? $" It looks like an IDX {(magic == ImagesMagic ? "labels" : "images")} file; check that images and labels are not swapped."
                : " Check that the path points at an IDX file (such as train-images-idx3-ubyte.gz).";
            throw new DatasetFormatException(path, string.Create(
                CultureInfo.InvariantCulture,
                $"The file '{path}' is not an IDX {kind} file: its magic number is 0x{found:X8}, not 0x{magic:X8}.{hint}"));
        }

        if (read < headerLength)
        {
            throw new DatasetFormatException(path, string.Create(
                CultureInfo.InvariantCulture,
                $"The IDX {kind} file '{path}' is truncated: it has {read} bytes, fewer than its {headerLength}-byte header. Replace it with a complete copy."));
        }

        return header;
    }

    private static byte[] ReadBody(string path, Stream stream, int headerLength, long length, string content)
    {
        var expected = headerLength + length;
        var body = new byte[length];
        int read;
        try
        {
            read = stream.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(path, e);
        }

        if (read < length)
        {
            throw new DatasetFormatException(path, string.Create(
                CultureInfo.InvariantCulture,
                $"The IDX file '{path}' is truncated: its header announces {content} ({expected} bytes in all) but it has only {headerLength + read} bytes. Replace it with a complete copy (a download may have been interrupted)."));
        }

        long extra;
        try
        {
            var rest = new byte[1 << 16];
            extra = 0;
            int n;
            while ((n = stream.Read(rest)) > 0)
            {
                extra += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(path, e);
        }

        if (extra > 0)
        {
            throw new DatasetFormatException(path, string.Create(
                CultureInfo.InvariantCulture,
                $"The IDX file '{path}' is longer than its header says: it announces {content} ({expected} bytes in all) but has {expected + extra} bytes. The file is corrupt; replace it."));
        }

        return body;
    }

    private static int ReadDimension(string path, byte[] bytes, int offset, string what)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
        if (value < 0)
        {
            throw new DatasetFormatException(path, string.Create(
                CultureInfo.InvariantCulture,
                $"The IDX file '{path}' has a negative {what} ({value}) in its header; the file is corrupt. Replace it."));
        }

        return value;
    }
}
