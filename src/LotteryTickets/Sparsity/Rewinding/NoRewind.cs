using LotteryTickets.Training;

namespace LotteryTickets.Rewinding;

/// <summary>Fine-tuning (<c>none</c>): the pruned network continues from its trained weights, with a fresh optimizer and schedule from iteration 0.</summary>
public sealed class NoRewind : IRewindPolicy
{
    /// <summary>The policy's name, <c>none</c>.</summary>
    public const string PolicyName = "none";

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public TrainingDuration? CapturePoint => null;

    /// <inheritdoc />
    public RewindStart GetStart(RewindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RewindStart(context.TrainedWeights, null);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
