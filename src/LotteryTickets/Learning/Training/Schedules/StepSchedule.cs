namespace LotteryTickets.Training.Schedules;

/// <summary>
/// The base rate multiplied by <c>gamma</c> every <c>stepSize</c> steps:
/// lr(t) = base · gamma^⌊t / stepSize⌋ (PyTorch's <c>StepLR</c>).
/// </summary>
public sealed class StepSchedule : ILearningRateSchedule
{
    /// <summary>Creates a step schedule.</summary>
    /// <param name="baseLearningRate">The rate at step 0 (finite, ≥ 0).</param>
    /// <param name="stepSize">The number of steps between decays (≥ 1).</param>
    /// <param name="gamma">The decay factor (finite, ≥ 0).</param>
    public StepSchedule(double baseLearningRate, long stepSize, double gamma = 0.1)
    {
        BaseLearningRate = ScheduleChecks.NonNegative(baseLearningRate, nameof(baseLearningRate));
        StepSize = ScheduleChecks.AtLeastOne(stepSize, nameof(stepSize));
        Gamma = ScheduleChecks.NonNegative(gamma, nameof(gamma));
    }

    /// <summary>The rate at step 0.</summary>
    public double BaseLearningRate { get; }

    /// <summary>The number of steps between decays.</summary>
    public long StepSize { get; }

    /// <summary>The decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public double LearningRate(long step) => BaseLearningRate * Math.Pow(Gamma, ScheduleChecks.Step(step) / StepSize);
}
