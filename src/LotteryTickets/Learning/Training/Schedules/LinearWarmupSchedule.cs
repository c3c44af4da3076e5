namespace LotteryTickets.Training.Schedules;

/// <summary>
/// Another schedule's rate scaled by a factor that grows linearly from <c>startFactor</c> to 1
/// over the first <c>warmupSteps</c> steps: lr(t) = inner(t) · (start + (1 − start)·min(t, W) / W).
/// This is PyTorch's <c>LinearLR(start_factor, 1.0, W)</c> chained with the inner schedule's scheduler.
/// </summary>
public sealed class LinearWarmupSchedule : ILearningRateSchedule
{
    /// <summary>Creates a warm-up around <paramref name="inner"/>.</summary>
    /// <param name="inner">The schedule to warm up.</param>
    /// <param name="warmupSteps">The number of warm-up steps W (≥ 1).</param>
    /// <param name="startFactor">The factor at step 0, in (0, 1] (PyTorch's default is 1/3).</param>
    public LinearWarmupSchedule(ILearningRateSchedule inner, long warmupSteps, double startFactor = 1.0 / 3)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        WarmupSteps = ScheduleChecks.AtLeastOne(warmupSteps, nameof(warmupSteps));
        if (!(startFactor > 0 && startFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(startFactor), startFactor, "'startFactor' must be greater than 0 and at most 1.");
        }

        StartFactor = startFactor;
    }

    /// <summary>The schedule being warmed up.</summary>
    public ILearningRateSchedule Inner { get; }

    /// <summary>The number of warm-up steps.</summary>
    public long WarmupSteps { get; }

    /// <summary>The factor at step 0.</summary>
    public double StartFactor { get; }

    /// <inheritdoc />
    public double LearningRate(long step)
    {
        ScheduleChecks.Step(step);
        var factor = StartFactor + ((1 - StartFactor) * Math.Min(step, WarmupSteps) / WarmupSteps);
        return Inner.LearningRate(step) * factor;
    }
}
