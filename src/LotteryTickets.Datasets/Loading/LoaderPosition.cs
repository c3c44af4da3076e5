using System.Globalization;

namespace LotteryTickets.Datasets.Loading;

/// <summary>
/// Where a <see cref="DataLoader"/> stands: the next batch it yields is batch <see cref="Batch"/> of epoch
/// <see cref="Epoch"/> (both from zero). With a fixed number of batches per epoch it corresponds one to one
/// with a global iteration count, so training can resume or rewind to an exact iteration.
/// </summary>
/// <param name="Epoch">The epoch, from zero.</param>
/// <param name="Batch">The batch within the epoch, from zero.</param>
public readonly record struct LoaderPosition(int Epoch, int Batch)
{
    /// <summary>The start of training: epoch 0, batch 0.</summary>
    public static LoaderPosition Start => default;

    /// <summary>The position of global iteration <paramref name="iteration"/> (the number of batches already yielded).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The iteration is negative or the batch count is not positive.</exception>
    public static LoaderPosition FromIteration(long iteration, int batchesPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchesPerEpoch);
        return new LoaderPosition(checked((int)(iteration / batchesPerEpoch)), (int)(iteration % batchesPerEpoch));
    }

    /// <summary>The global iteration of this position: <c>Epoch × batchesPerEpoch + Batch</c>.</summary>
    public long ToIteration(int batchesPerEpoch) => (long)Epoch * batchesPerEpoch + Batch;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"epoch {Epoch}, batch {Batch}");
}
