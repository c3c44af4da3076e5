using LotteryTickets.Training;

namespace LotteryTickets.Rewinding;

/// <summary>
/// Learning-rate rewinding (<c>lr:iteration:k</c> or <c>lr:epoch:k</c>, Renda et al. 2020): the pruned network keeps
/// its trained weights, and the learning-rate schedule, data order and optimizer state restart from where the dense
/// run had them at iteration or epoch k; training runs from k to the end.
/// </summary>
/// <param name="point">The point the schedule restarts from.</param>
public sealed class LearningRateRewinding(TrainingDuration point) : IRewindPolicy
{
    /// <summary>The prefix of the policy's name.</summary>
    public const string Prefix = "lr:";

    /// <summary>The point the schedule restarts from.</summary>
    public TrainingDuration Point { get; } = point;

    /// <inheritdoc />
    public string Name => Prefix + RewindPolicies.FormatPoint(Point);

    /// <inheritdoc />
    public TrainingDuration? CapturePoint => Point;

    /// <inheritdoc />
    public RewindStart GetStart(RewindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RewindStart(context.TrainedWeights, context.RequireCheckpoint(Name));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
