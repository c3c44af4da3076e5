using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Loading;

/// <summary>
/// One batch from a <see cref="DataLoader"/>: float32 images N×C×H×W and int64 labels N on the loader's device.
/// The caller owns both tensors: dispose the batch (or let the <see cref="DisposeScope"/> that was open when
/// it was created dispose them).
/// </summary>
public sealed class DataBatch : IDisposable
{
    internal DataBatch(Tensor images, Tensor labels, LoaderPosition position, int[] sampleIndices)
    {
        Images = images;
        Labels = labels;
        Position = position;
        SampleIndices = sampleIndices;
    }

    /// <summary>The images, float32, N×C×H×W, normalised and augmented.</summary>
    public Tensor Images { get; }

    /// <summary>The labels, int64, N.</summary>
    public Tensor Labels { get; }

    /// <summary>The position of this batch (epoch and batch index).</summary>
    public LoaderPosition Position { get; }

    /// <summary>The dataset index of each sample in the batch, in batch order.</summary>
    public IReadOnlyList<int> SampleIndices { get; }

    /// <summary>The number of samples.</summary>
    public int Count => SampleIndices.Count;

    /// <summary>Deconstructs into <c>(images, labels)</c>.</summary>
    public void Deconstruct(out Tensor images, out Tensor labels)
    {
        images = Images;
        labels = Labels;
    }

    /// <summary>Disposes both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
