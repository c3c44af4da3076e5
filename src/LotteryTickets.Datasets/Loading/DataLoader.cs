using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Loading;

/// <summary>
/// Yields batches of an <see cref="ImageDataset"/> as tensors. The order of each epoch is
/// <see cref="ShuffleOrder.Permutation"/>(count, seed, epoch) (or the dataset order without shuffling), and the
/// augmentation of each sample depends only on (seed, epoch, sample index), so the batch at a given
/// <see cref="LoaderPosition"/> is always the same: set <see cref="Position"/> to resume or rewind to an exact iteration.
/// </summary>
/// <remarks>
/// Each batch is assembled in one reused host buffer (normalised, augmented) and copied once into new tensors
/// on <see cref="DataLoaderOptions.Device"/>, or, with <see cref="DataLoaderOptions.Preload"/>, cut with one
/// index-select from the whole dataset converted once per device and shared by all preloading loaders of that
/// dataset (<see cref="ImageDataset.ReleasePreloaded()"/> frees it). The caller owns every yielded
/// <see cref="DataBatch"/>: dispose it, or create it inside a <see cref="DisposeScope"/>, which then owns its
/// tensors. A loader is not thread-safe.
/// </remarks>
public sealed class DataLoader
{
    private readonly ImageDataset dataset;
    private readonly float[] imageBuffer;
    private readonly long[] labelBuffer;
    private int[]? cachedOrder;
    private int cachedEpoch = -1;
    private LoaderPosition position;

    /// <summary>Creates a loader over <paramref name="dataset"/>, starting at epoch 0, batch 0.</summary>
    /// <exception cref="ArgumentException">The options are invalid for this dataset (every problem is listed).</exception>
    public DataLoader(ImageDataset dataset, DataLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Options = options ?? new DataLoaderOptions();
        Options.Validate(dataset);
        this.dataset = dataset;
        var batchSize = Math.Min(Options.BatchSize, dataset.Count);
        // A preloading loader cuts batches on the device and needs no host image buffer.
        imageBuffer = Options.Preload ? [] : new float[(long)batchSize * dataset.SampleShape.Size];
        labelBuffer = new long[batchSize];
        BatchesPerEpoch = Options.DropLast
            ? dataset.Count / Options.BatchSize
            : (dataset.Count + Options.BatchSize - 1) / Options.BatchSize;
    }

    /// <summary>The dataset the batches come from.</summary>
    public ImageDataset Dataset => dataset;

    /// <summary>The options the loader was created with.</summary>
    public DataLoaderOptions Options { get; }

    /// <summary>The number of batches in every epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>The position of the next batch to yield.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: the epoch is negative or the batch is outside [0, <see cref="BatchesPerEpoch"/>).</exception>
    public LoaderPosition Position
    {
        get => position;
        set
        {
            CheckPosition(value);
            position = value;
        }
    }

    /// <summary>The global iteration of the next batch (the number of batches before it since epoch 0, batch 0).</summary>
    public long Iteration => position.ToIteration(BatchesPerEpoch);

    /// <summary>Moves to global iteration <paramref name="iteration"/>.</summary>
    public void Seek(long iteration) => Position = LoaderPosition.FromIteration(iteration, BatchesPerEpoch);

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the dataset's samples.</summary>
    public int[] SampleOrder(int epoch) => (int[])OrderOf(epoch).Clone();

    /// <summary>Yields the batch at <see cref="Position"/> and moves to the next one (into the next epoch after the last).</summary>
    public DataBatch Next()
    {
        var current = position;
        var batch = CreateBatch(current);
        position = current.Batch + 1 < BatchesPerEpoch
            ? current with { Batch = current.Batch + 1 }
            : new LoaderPosition(current.Epoch + 1, 0);
        return batch;
    }

    /// <summary>
    /// Yields the remaining batches of the current epoch, from <see cref="Position"/> to its last batch, moving
    /// the position as it goes (after the last one it is at the next epoch's first batch). Each batch is created
    /// when the enumeration reaches it, inside whatever <see cref="DisposeScope"/> is then current.
    /// </summary>
    public IEnumerable<DataBatch> Epoch()
    {
        var epoch = position.Epoch;
        while (position.Epoch == epoch)
        {
            yield return Next();
        }
    }

    /// <summary>The batch at <paramref name="at"/>, without moving <see cref="Position"/>.</summary>
    public DataBatch BatchAt(LoaderPosition at)
    {
        CheckPosition(at);
        return CreateBatch(at);
    }

    private void CheckPosition(LoaderPosition value)
    {
        if (value.Epoch < 0 || value.Batch < 0 || value.Batch >= BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The position '{value}' does not exist: the epoch must be 0 or more and the batch between 0 and {BatchesPerEpoch - 1} (the loader over '{dataset.Name}' has {BatchesPerEpoch} batches per epoch)."));
        }
    }

    private DataBatch CreateBatch(LoaderPosition at)
    {
        var order = OrderOf(at.Epoch);
        var start = at.Batch * Options.BatchSize;
        var count = Math.Min(Options.BatchSize, dataset.Count - start);
        var indices = order.AsSpan(start, count).ToArray();
        if (Options.Preload)
        {
            return CreatePreloadedBatch(at, indices);
        }

        var shape = dataset.SampleShape;
        var size = shape.Size;
        var labels = dataset.LabelArray;
        for (var i = 0; i < count; i++)
        {
            var target = imageBuffer.AsSpan(i * size, size);
            if (Options.Augmentation is { } augmentation)
            {
                var (dy, dx, flip) = augmentation.ChoicesFor(Options.Seed, at.Epoch, indices[i]);
                SampleAugmenter.Write(dataset, indices[i], target, dy - augmentation.Padding, dx - augmentation.Padding, flip);
            }
            else
            {
                dataset.WriteSample(indices[i], target);
            }

            labelBuffer[i] = labels[indices[i]];
        }

        var images = HostTensors.FromSpan<float>(
            imageBuffer.AsSpan(0, count * size), [count, shape.Channels, shape.Height, shape.Width], ScalarType.Float32, Options.Device);
        try
        {
            var labelTensor = HostTensors.FromSpan<long>(labelBuffer.AsSpan(0, count), [count], ScalarType.Int64, Options.Device);
            return new DataBatch(images, labelTensor, at, indices);
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }

    private DataBatch CreatePreloadedBatch(LoaderPosition at, int[] indices)
    {
        var (images, labels) = dataset.Preloaded(Options.Device);
        // The label buffer, unused here, holds the batch's sample indices as int64 for the index-select.
        for (var i = 0; i < indices.Length; i++)
        {
            labelBuffer[i] = indices[i];
        }

        using var index = HostTensors.FromSpan<long>(labelBuffer.AsSpan(0, indices.Length), [indices.Length], ScalarType.Int64, Options.Device).DetachFromDisposeScope();
        var batchImages = images.index_select(0, index);
        try
        {
            return new DataBatch(batchImages, labels.index_select(0, index), at, indices);
        }
        catch
        {
            batchImages.Dispose();
            throw;
        }
    }

    private int[] OrderOf(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (cachedOrder is null || cachedEpoch != epoch)
        {
            if (Options.Shuffle)
            {
                cachedOrder = ShuffleOrder.Permutation(dataset.Count, Options.Seed, epoch);
            }
            else
            {
                cachedOrder = cachedOrder ?? Enumerable.Range(0, dataset.Count).ToArray();
            }

            cachedEpoch = epoch;
        }

        return cachedOrder;
    }
}
