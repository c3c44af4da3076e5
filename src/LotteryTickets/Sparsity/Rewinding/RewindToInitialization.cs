using LotteryTickets.Training;

namespace LotteryTickets.Rewinding;

/// <summary>Frankle &amp; Carbin's reset (<c>init</c>): the surviving weights go back to their initial values and training starts afresh at iteration 0.</summary>
public sealed class RewindToInitialization : IRewindPolicy
{
    /// <summary>The policy's name, <c>init</c>.</summary>
    public const string PolicyName = "init";

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public TrainingDuration? CapturePoint => null;

    /// <inheritdoc />
    public RewindStart GetStart(RewindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RewindStart(context.InitialWeights, null);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
