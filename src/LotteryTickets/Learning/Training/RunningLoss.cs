namespace LotteryTickets.Training;

/// <summary>The sum and count of training-batch losses since the last evaluation (part of a checkpoint, so that a resumed run reports the same means).</summary>
/// <param name="Sum">The sum of the batch losses, in double precision, in step order.</param>
/// <param name="Count">The number of batch losses summed.</param>
public readonly record struct RunningLoss(double Sum, long Count)
{
    /// <summary>The mean of the losses, or <see langword="null"/> when there are none.</summary>
    public double? Mean => Count > 0 ? Sum / Count : null;

    /// <summary>This accumulator with one more loss.</summary>
    public RunningLoss Add(double loss) => new(Sum + loss, Count + 1);
}
