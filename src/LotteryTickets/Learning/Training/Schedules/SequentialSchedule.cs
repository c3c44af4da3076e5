namespace LotteryTickets.Training.Schedules;

/// <summary>
/// Schedules run one after another: schedule k runs from milestone k − 1 on, with its own step
/// count starting again at 0 (PyTorch's <c>SequentialLR</c>). For example a linear warm-up for
/// 5 steps followed by cosine annealing: <c>new SequentialSchedule([warmup, cosine], [5])</c>.
/// </summary>
public sealed class SequentialSchedule : ILearningRateSchedule
{
    private readonly ILearningRateSchedule[] schedules;
    private readonly long[] milestones;

    /// <summary>Creates a sequence of schedules.</summary>
    /// <param name="schedules">The schedules, in order (at least one).</param>
    /// <param name="milestones">The steps at which the next schedule takes over: one fewer than the schedules, strictly increasing, each ≥ 1.</param>
    public SequentialSchedule(IReadOnlyList<ILearningRateSchedule> schedules, IReadOnlyList<long> milestones)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(milestones);
        if (schedules.Count == 0 || schedules.Any(s => s is null))
        {
            throw new ArgumentException("Give at least one schedule, and no null ones.", nameof(schedules));
        }

        if (milestones.Count != schedules.Count - 1)
        {
            throw new ArgumentException(
                $"{schedules.Count} schedules need {schedules.Count - 1} milestones, but {milestones.Count} were given.", nameof(milestones));
        }

        for (var i = 0; i < milestones.Count; i++)
        {
            if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1]))
            {
                throw new ArgumentException(
                    $"The milestones [{string.Join(", ", milestones)}] must be at least 1 and strictly increasing.", nameof(milestones));
            }
        }

        this.schedules = [.. schedules];
        this.milestones = [.. milestones];
    }

    /// <summary>The schedules, in order.</summary>
    public IReadOnlyList<ILearningRateSchedule> Schedules => schedules;

    /// <summary>The steps at which the next schedule takes over.</summary>
    public IReadOnlyList<long> Milestones => milestones;

    /// <inheritdoc />
    public double LearningRate(long step)
    {
        ScheduleChecks.Step(step);
        var k = 0;
        while (k < milestones.Length && milestones[k] <= step)
        {
            k++;
        }

        return schedules[k].LearningRate(k == 0 ? step : step - milestones[k - 1]);
    }
}
