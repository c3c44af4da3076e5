namespace LotteryTickets.Training.Schedules;

/// <summary>
/// The base rate multiplied by <c>gamma</c> at each milestone: lr(t) = base · gamma^(number of
/// milestones ≤ t) (PyTorch's <c>MultiStepLR</c>; a milestone given twice decays twice).
/// </summary>
public sealed class MultiStepSchedule : ILearningRateSchedule
{
    private readonly long[] milestones;

    /// <summary>Creates a multi-step schedule.</summary>
    /// <param name="baseLearningRate">The rate at step 0 (finite, ≥ 0).</param>
    /// <param name="milestones">The steps at which the rate decays (each ≥ 0, in any order).</param>
    /// <param name="gamma">The decay factor (finite, ≥ 0).</param>
    public MultiStepSchedule(double baseLearningRate, IEnumerable<long> milestones, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        BaseLearningRate = ScheduleChecks.NonNegative(baseLearningRate, nameof(baseLearningRate));
        this.milestones = [.. milestones.Order()];
        if (this.milestones.Length > 0 && this.milestones[0] < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milestones), this.milestones[0], "Every milestone must be at least 0.");
        }

        Gamma = ScheduleChecks.NonNegative(gamma, nameof(gamma));
    }

    /// <summary>The rate at step 0.</summary>
    public double BaseLearningRate { get; }

    /// <summary>The milestones, sorted.</summary>
    public IReadOnlyList<long> Milestones => milestones;

    /// <summary>The decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public double LearningRate(long step)
    {
        ScheduleChecks.Step(step);
        var passed = 0;
        while (passed < milestones.Length && milestones[passed] <= step)
        {
            passed++;
        }

        return BaseLearningRate * Math.Pow(Gamma, passed);
    }
}
