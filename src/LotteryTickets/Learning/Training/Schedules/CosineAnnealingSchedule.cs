namespace LotteryTickets.Training.Schedules;

/// <summary>
/// Cosine annealing from the base rate down to <c>etaMin</c> over <c>tMax</c> steps, in the
/// closed form of PyTorch's <c>CosineAnnealingLR</c>:
/// lr(t) = etaMin + (base − etaMin) · (1 + cos(π·t / tMax)) / 2 (periodic past <c>tMax</c>).
/// </summary>
public sealed class CosineAnnealingSchedule : ILearningRateSchedule
{
    /// <summary>Creates a cosine annealing schedule.</summary>
    /// <param name="baseLearningRate">The rate at step 0 (finite, ≥ 0).</param>
    /// <param name="tMax">The number of steps to reach <paramref name="etaMin"/> (≥ 1).</param>
    /// <param name="etaMin">The lowest rate (finite, ≥ 0).</param>
    public CosineAnnealingSchedule(double baseLearningRate, long tMax, double etaMin = 0)
    {
        BaseLearningRate = ScheduleChecks.NonNegative(baseLearningRate, nameof(baseLearningRate));
        TMax = ScheduleChecks.AtLeastOne(tMax, nameof(tMax));
        EtaMin = ScheduleChecks.NonNegative(etaMin, nameof(etaMin));
    }

    /// <summary>The rate at step 0.</summary>
    public double BaseLearningRate { get; }

    /// <summary>The number of steps from the base rate to <see cref="EtaMin"/>.</summary>
    public long TMax { get; }

    /// <summary>The lowest rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc />
    public double LearningRate(long step) =>
        EtaMin + ((BaseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * ScheduleChecks.Step(step) / TMax)) / 2);
}
