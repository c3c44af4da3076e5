using System.Globalization;

namespace LotteryTickets.Torch.Optim.Schedules;

/// <summary>
/// Drives the learning rates of an optimizer's parameter groups from schedules. The position is
/// the step whose rate the groups hold: it starts at 0 (applied on creation), <see cref="Step"/>
/// advances it by one, and setting <see cref="Position"/> jumps to any step, which restores the
/// rates exactly (to resume, or to rewind the schedule).
/// </summary>
/// <example>
/// <code>
/// var scheduler = new LearningRateScheduler(optimizer, lr => new CosineAnnealingSchedule(lr, tMax: 100));
/// for (var step = 0; step &lt; 100; step++)
/// {
///     // forward, backward …
///     optimizer.Step();
///     scheduler.Step();
/// }
/// </code>
/// </example>
public sealed class LearningRateScheduler
{
    private readonly Optimizer optimizer;
    private readonly ILearningRateSchedule[] schedules;
    private long position;

    /// <summary>Drives every group of <paramref name="optimizer"/> with the same <paramref name="schedule"/>.</summary>
    public LearningRateScheduler(Optimizer optimizer, ILearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        this.optimizer = optimizer;
        schedules = [.. optimizer.ParameterGroups.Select(_ => schedule)];
        Apply(0);
    }

    /// <summary>
    /// Drives each group with its own schedule, made by <paramref name="scheduleForGroup"/> from the
    /// group's <see cref="ParameterGroup.InitialLearningRate"/> (groups with different base rates
    /// follow the same shape, as PyTorch's schedulers do).
    /// </summary>
    public LearningRateScheduler(Optimizer optimizer, Func<double, ILearningRateSchedule> scheduleForGroup)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(scheduleForGroup);
        this.optimizer = optimizer;
        schedules = [.. optimizer.ParameterGroups.Select(g => scheduleForGroup(g.InitialLearningRate)
            ?? throw new ArgumentException("The schedule factory returned null.", nameof(scheduleForGroup)))];
        Apply(0);
    }

    /// <summary>The schedule of each group.</summary>
    public IReadOnlyList<ILearningRateSchedule> Schedules => schedules;

    /// <summary>The step whose rates the groups hold. Setting it applies that step's rates.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long Position
    {
        get => position;
        set => Apply(value);
    }

    /// <summary>Advances to the next step's rates (call after <see cref="Optimizer.Step"/>).</summary>
    public void Step() => Apply(position + 1);

    private void Apply(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Position), step, "The scheduler position must be at least 0.");
        }

        var groups = optimizer.ParameterGroups;
        var rates = new double[groups.Count];
        for (var g = 0; g < rates.Length; g++)
        {
            rates[g] = schedules[g].LearningRate(step);
            if (!double.IsFinite(rates[g]) || rates[g] < 0)
            {
                throw new InvalidOperationException(
                    $"The schedule {schedules[g].GetType().Name} gave the rate {rates[g].ToString("R", CultureInfo.InvariantCulture)} " +
                    $"for step {step}; a learning rate must be a finite number of at least 0.");
            }
        }

        for (var g = 0; g < rates.Length; g++)
        {
            groups[g].LearningRate = rates[g];
        }

        position = step;
    }
}
