using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets;

/// <summary>
/// An in-memory image classification dataset: <see cref="Count"/> samples of shape
/// <see cref="SampleShape"/> (channel first), each with an integer label in [0, <see cref="ClassCount"/>).
/// Pixels are held on the host either as bytes (read as <c>b / 255</c>) or as floats (read as they are),
/// and an optional <see cref="Normalization"/> is applied whenever samples are read as floats or turned
/// into tensors. Instances are immutable: every transformation returns a new dataset.
/// </summary>
public sealed class ImageDataset
{
    private readonly byte[]? bytePixels;
    private readonly float[]? floatPixels;
    private readonly int[] labels;
    private PixelTransform? transform;
    private readonly PreloadedTensors preloaded = new();

    private ImageDataset(
        string name, byte[]? bytePixels, float[]? floatPixels, SampleShape shape, int[] labels, int classCount, Normalization? normalization)
    {
        Name = name;
        this.bytePixels = bytePixels;
        this.floatPixels = floatPixels;
        SampleShape = shape;
        this.labels = labels;
        ClassCount = classCount;
        Normalization = normalization;
    }

    /// <summary>A name for messages and reports, such as <c>fashion-mnist/train</c>.</summary>
    public string Name { get; }

    /// <summary>The shape of one sample.</summary>
    public SampleShape SampleShape { get; }

    /// <summary>The number of samples.</summary>
    public int Count => labels.Length;

    /// <summary>The number of classes; every label lies in [0, ClassCount).</summary>
    public int ClassCount { get; }

    /// <summary>The normalisation applied when samples are read as floats, or <see langword="null"/> for none.</summary>
    public Normalization? Normalization { get; }

    /// <summary>Whether pixels are stored as bytes (<see cref="BytePixels"/>) rather than floats (<see cref="FloatPixels"/>).</summary>
    public bool HasBytePixels => bytePixels is not null;

    /// <summary>The stored byte pixels, sample after sample; empty when pixels are floats.</summary>
    public ReadOnlySpan<byte> BytePixels => bytePixels;

    /// <summary>The stored float pixels, sample after sample; empty when pixels are bytes.</summary>
    public ReadOnlySpan<float> FloatPixels => floatPixels;

    /// <summary>The label of each sample.</summary>
    public ReadOnlySpan<int> Labels => labels;

    internal byte[]? BytePixelArray => bytePixels;

    internal float[]? FloatPixelArray => floatPixels;

    internal int[] LabelArray => labels;

    internal PixelTransform Transform =>
        transform ??= PixelTransform.Create(SampleShape.Channels, bytePixels is not null, Normalization);

    /// <summary>A dataset over byte pixels (values 0–255), which it takes ownership of without copying.</summary>
    /// <param name="name">A name for messages.</param>
    /// <param name="pixels">Count × shape.Size bytes, sample after sample, each channel first.</param>
    /// <param name="shape">The shape of one sample.</param>
    /// <param name="labels">The label of each sample.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="normalization">The normalisation to apply when reading floats, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The sizes disagree or a label is out of range.</exception>
    public static ImageDataset FromBytes(
        string name, byte[] pixels, SampleShape shape, int[] labels, int classCount, Normalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ImageDatasetValidation.Validate(name, pixels.LongLength, shape, labels, classCount, normalization);
        return new ImageDataset(name, pixels, null, shape, labels, classCount, normalization);
    }

    /// <summary>A dataset over float pixels (conventionally in [0, 1]), which it takes ownership of without copying.</summary>
    /// <param name="name">A name for messages.</param>
    /// <param name="pixels">Count × shape.Size floats, sample after sample, each channel first.</param>
    /// <param name="shape">The shape of one sample.</param>
    /// <param name="labels">The label of each sample.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="normalization">The normalisation to apply when reading floats, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The sizes disagree or a label is out of range.</exception>
    public static ImageDataset FromFloats(
        string name, float[] pixels, SampleShape shape, int[] labels, int classCount, Normalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ImageDatasetValidation.Validate(name, pixels.LongLength, shape, labels, classCount, normalization);
        return new ImageDataset(name, null, pixels, shape, labels, classCount, normalization);
    }

    /// <summary>Copies sample <paramref name="index"/>, normalised, into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is not exactly <c>SampleShape.Size</c> long.</exception>
    public void CopySampleTo(int index, Span<float> destination)
    {
        ImageDatasetValidation.CheckSampleArguments(this, index, destination.Length);
        WriteSample(index, destination);
    }

    /// <summary>Copies sample <paramref name="index"/> without normalisation (bytes divided by 255) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is not exactly <c>SampleShape.Size</c> long.</exception>
    public void CopyRawSampleTo(int index, Span<float> destination)
    {
        ImageDatasetValidation.CheckSampleArguments(this, index, destination.Length);
        var size = SampleShape.Size;
        if (bytePixels is not null)
        {
            var source = bytePixels.AsSpan(index * size, size);
            for (var k = 0; k < size; k++)
            {
                destination[k] = source[k] / 255f;
            }
        }
        else
        {
            floatPixels.AsSpan(index * size, size).CopyTo(destination);
        }
    }

    /// <summary>The samples <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1, copied.</summary>
    public ImageDataset Slice(int start, int count, string? name = null)
    {
        if (start < 0 || count < 0 || start > Count - count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(start),
                string.Create(CultureInfo.InvariantCulture, $"The range [{start}, {start + count}) is outside the dataset '{Name}', which has {Count} samples."));
        }

        var indices = new int[count];
        for (var i = 0; i < count; i++)
        {
            indices[i] = start + i;
        }

        return Select(indices, name);
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order, copied (an index may repeat).</summary>
    public ImageDataset Select(ReadOnlySpan<int> indices, string? name = null)
    {
        var size = SampleShape.Size;
        var newLabels = new int[indices.Length];
        byte[]? newBytes = bytePixels is null ? null : new byte[(long)indices.Length * size];
        float[]? newFloats = floatPixels is null ? null : new float[(long)indices.Length * size];
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if ((uint)j >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices),
                    string.Create(CultureInfo.InvariantCulture, $"The index {j} (at position {i}) is outside the dataset '{Name}', which has {Count} samples."));
            }

            newLabels[i] = labels[j];
            if (newBytes is not null)
            {
                bytePixels.AsSpan(j * size, size).CopyTo(newBytes.AsSpan(i * size, size));
            }
            else
            {
                floatPixels.AsSpan(j * size, size).CopyTo(newFloats.AsSpan(i * size, size));
            }
        }

        return new ImageDataset(name ?? Name, newBytes, newFloats, SampleShape, newLabels, ClassCount, Normalization);
    }

    /// <summary>
    /// Splits off the last <paramref name="validationCount"/> samples as a validation set, as Frankle &amp; Carbin
    /// hold out the last 5,000 MNIST training images.
    /// </summary>
    /// <returns>The first Count − validationCount samples, and the last validationCount samples.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or not smaller than <see cref="Count"/>.</exception>
    public (ImageDataset Train, ImageDataset Validation) SplitValidation(int validationCount)
    {
        if (validationCount < 0 || validationCount >= Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationCount),
                validationCount,
                string.Create(CultureInfo.InvariantCulture, $"The validation count must be between 0 and {Count - 1} for the dataset '{Name}' of {Count} samples, so that some training samples remain."));
        }

        var trainCount = Count - validationCount;
        return (Slice(0, trainCount, Name), Slice(trainCount, validationCount, ValidationName()));
    }

    /// <summary>The same samples with another normalisation (<see langword="null"/> for none).</summary>
    public ImageDataset WithNormalization(Normalization? normalization)
    {
        ImageDatasetValidation.CheckNormalization(Name, SampleShape, normalization);
        return new ImageDataset(Name, bytePixels, floatPixels, SampleShape, labels, ClassCount, normalization);
    }

    /// <summary>The same pixels with other labels (which it takes ownership of).</summary>
    /// <exception cref="ArgumentException">The label count differs from <see cref="Count"/> or a label is out of range.</exception>
    public ImageDataset WithLabels(int[] newLabels, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(newLabels);
        if (newLabels.Length != Count)
        {
            throw new ArgumentException(
                $"The dataset '{Name}' has {Count} samples but {newLabels.Length} labels were given; give one label per sample.",
                nameof(newLabels));
        }

        ImageDatasetValidation.CheckLabels(name ?? Name, newLabels, ClassCount);
        return new ImageDataset(name ?? Name, bytePixels, floatPixels, SampleShape, newLabels, ClassCount, Normalization);
    }

    /// <summary>The same labels with other pixels of the same kind (taken without copying).</summary>
    internal ImageDataset WithPixels(byte[]? newBytes, float[]? newFloats, string name) =>
        new(name, newBytes, newFloats, SampleShape, labels, ClassCount, Normalization);

    /// <summary>
    /// The whole dataset as tensors: float32 images N×C×H×W (normalised) and int64 labels N, on
    /// <paramref name="device"/> (the CPU by default). The caller owns both tensors; they join the
    /// current dispose scope (<c>torch.NewDisposeScope()</c>) if one is open.
    /// </summary>
    public (Tensor Images, Tensor Labels) ToTensors(Device? device = null)
    {
        const int ChunkSamples = 1024;
        var size = SampleShape.Size;
        var longLabels = new long[Count];
        for (var i = 0; i < Count; i++)
        {
            longLabels[i] = labels[i];
        }

        // The images are converted chunk by chunk through one small host buffer into the result, so a large
        // dataset never needs a second full-size copy in managed memory.
        var imageTensor = torch.zeros([Count, SampleShape.Channels, SampleShape.Height, SampleShape.Width], ScalarType.Float32, device);
        try
        {
            var buffer = new float[(long)Math.Min(ChunkSamples, Math.Max(Count, 1)) * size];
            using (var scope = torch.NewDisposeScope())
            {
                for (var start = 0; start < Count; start += ChunkSamples)
                {
                    var n = Math.Min(ChunkSamples, Count - start);
                    for (var i = 0; i < n; i++)
                    {
                        WriteSample(start + i, buffer.AsSpan(i * size, size));
                    }

                    var chunk = HostTensors.FromSpan<float>(buffer.AsSpan(0, n * size), [n, SampleShape.Channels, SampleShape.Height, SampleShape.Width], ScalarType.Float32);
                    imageTensor.narrow(0, start, n).copy_(chunk);
                }
            }

            return (imageTensor, HostTensors.FromSpan<long>(longLabels, [Count], ScalarType.Int64, device));
        }
        catch
        {
            imageTensor.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{Name}: {Count} samples of {SampleShape}, {ClassCount} classes");

    /// <summary>
    /// Converts the whole dataset now into the tensors that preloading loaders
    /// (<see cref="Loading.DataLoaderOptions.Preload"/>, the trainer's default) share on <paramref name="device"/>, so
    /// that the first batch does not pay for it; without this, the first preloading batch does it.
    /// </summary>
    /// <param name="device">The device; <see langword="null"/> for the CPU.</param>
    public void Preload(Device? device = null) => _ = Preloaded(HostTensors.OrCpu(device));

    /// <summary>
    /// Releases the tensors that preloading loaders (<see cref="Loading.DataLoaderOptions.Preload"/>) made of this
    /// dataset on every device, e.g. to free GPU memory; a later preloading batch makes them again.
    /// </summary>
    public void ReleasePreloaded() => preloaded.ReleaseAll();

    /// <summary>Releases the preloaded tensors on <paramref name="device"/> only (see <see cref="ReleasePreloaded()"/>).</summary>
    /// <param name="device">The device.</param>
    public void ReleasePreloaded(Device device) => preloaded.Release(device);

    /// <summary>Whether the dataset holds preloaded tensors on <paramref name="device"/>.</summary>
    /// <param name="device">The device.</param>
    /// <returns><see langword="true"/> after <see cref="Preload"/> or a preloading batch there, until released.</returns>
    public bool IsPreloaded(Device device) => preloaded.Contains(device);

    /// <summary>
    /// The whole dataset as tensors on <paramref name="device"/> (<see cref="ToTensors"/>), made once per device and
    /// shared by every preloading loader; borrowed: the dataset owns them until <see cref="ReleasePreloaded()"/>.
    /// </summary>
    internal (Tensor Images, Tensor Labels) Preloaded(Device device) => preloaded.GetOrAdd(device, d => ToTensors(d));

    /// <summary>Writes sample <paramref name="index"/>, normalised, without argument checks.</summary>
    /// <remarks>Compiled fully optimized at once: a whole-dataset conversion would otherwise run mostly in unoptimized first-tier code.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void WriteSample(int index, Span<float> destination)
    {
        var size = SampleShape.Size;
        var plane = SampleShape.PlaneSize;
        var t = Transform;
        for (var c = 0; c < SampleShape.Channels; c++)
        {
            var offset = index * size + c * plane;
            var target = destination.Slice(c * plane, plane);
            if (bytePixels is not null)
            {
                var table = t.ByteTable.AsSpan(c * 256, 256);
                var source = bytePixels.AsSpan(offset, plane);
                for (var k = 0; k < plane; k++)
                {
                    target[k] = table[source[k]];
                }
            }
            else
            {
                var source = floatPixels.AsSpan(offset, plane);
                var scale = t.Scale[c];
                var shift = t.Shift[c];
                for (var k = 0; k < plane; k++)
                {
                    target[k] = source[k] * scale + shift;
                }
            }
        }
    }

    private string ValidationName()
    {
        var slash = Name.LastIndexOf('/');
        return (slash >= 0 ? Name[..slash] : Name) + "/validation";
    }
}
