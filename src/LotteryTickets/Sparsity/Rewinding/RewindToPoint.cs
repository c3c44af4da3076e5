using LotteryTickets.Training;

namespace LotteryTickets.Rewinding;

/// <summary>
/// Late rewinding (<c>iteration:k</c> or <c>epoch:k</c>, Frankle et al. 2019): the surviving weights go back to
/// their values at iteration or epoch k of the dense run, and training resumes from k with the optimizer state,
/// learning-rate schedule position and data-order position the dense run had there.
/// </summary>
/// <param name="point">The rewind point.</param>
public sealed class RewindToPoint(TrainingDuration point) : IRewindPolicy
{
    /// <summary>The rewind point.</summary>
    public TrainingDuration Point { get; } = point;

    /// <inheritdoc />
    public string Name => RewindPolicies.FormatPoint(Point);

    /// <inheritdoc />
    public TrainingDuration? CapturePoint => Point;

    /// <inheritdoc />
    public RewindStart GetStart(RewindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var checkpoint = context.RequireCheckpoint(Name);
        return new RewindStart(checkpoint.ModelState, checkpoint);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
