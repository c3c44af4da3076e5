using LotteryTickets.Rewinding;
using LotteryTickets.Training;

namespace LotteryTickets.Parts;

/// <summary>
/// A rewind policy: rewind to initialization up to level <c>level</c>, fine-tune the trained weights after it;
/// registered as <c>init_until(level=2)</c>.
/// </summary>
/// <param name="lastLevel">The last level that starts from the initial weights.</param>
public sealed class InitUntilLevel(int lastLevel) : IRewindPolicy
{
    /// <inheritdoc />
    public string Name => "init_until";

    /// <inheritdoc />
    public TrainingDuration? CapturePoint => null;

    /// <inheritdoc />
    public RewindStart GetStart(RewindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RewindStart(context.Level <= lastLevel ? context.InitialWeights : context.TrainedWeights, null);
    }
}
