using System.Globalization;
using TorchSharp;

namespace LotteryTickets.Training.Schedules;

/// <summary>
/// Drives the learning rates of a TorchSharp optimizer's parameter groups (<see cref="torch.optim.Optimizer.ParamGroups"/>)
/// from schedules. The position is the step whose rate the groups hold: it starts at 0 (applied on creation),
/// <see cref="Step"/> advances it by one, and setting <see cref="Position"/> jumps to any step, which restores the
/// rates exactly (to resume, or to rewind the schedule).
/// </summary>
/// <example>
/// <code>
/// var scheduler = new LearningRateScheduler(optimizer, lr => new CosineAnnealingSchedule(lr, tMax: 100));
/// for (var step = 0; step &lt; 100; step++)
/// {
///     // forward, backward …
///     optimizer.step();
///     scheduler.Step();
/// }
/// </code>
/// </example>
public sealed class LearningRateScheduler
{
    private readonly torch.optim.ILearningRateController[] groups;
    private readonly ILearningRateSchedule[] schedules;
    private long position;

    /// <summary>Drives every group of <paramref name="optimizer"/> with the same <paramref name="schedule"/>.</summary>
    /// <exception cref="ArgumentException">The optimizer has no parameter groups.</exception>
    public LearningRateScheduler(torch.optim.Optimizer optimizer, ILearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        groups = Groups(optimizer);
        schedules = [.. groups.Select(_ => schedule)];
        Apply(0);
    }

    /// <summary>
    /// Drives each group with its own schedule, made by <paramref name="scheduleForGroup"/> from the group's
    /// <see cref="torch.optim.ILearningRateController.InitialLearningRate"/> (groups with different base rates follow the
    /// same shape, as PyTorch's schedulers do).
    /// </summary>
    /// <exception cref="ArgumentException">The optimizer has no parameter groups, or the factory returned null.</exception>
    public LearningRateScheduler(torch.optim.Optimizer optimizer, Func<double, ILearningRateSchedule> scheduleForGroup)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(scheduleForGroup);
        groups = Groups(optimizer);
        schedules = [.. groups.Select(g => scheduleForGroup(g.InitialLearningRate)
            ?? throw new ArgumentException("The schedule factory returned null.", nameof(scheduleForGroup)))];
        Apply(0);
    }

    /// <summary>The schedule of each group, in the order of the optimizer's parameter groups.</summary>
    public IReadOnlyList<ILearningRateSchedule> Schedules => schedules;

    /// <summary>The step whose rates the groups hold. Setting it applies that step's rates.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long Position
    {
        get => position;
        set => Apply(value);
    }

    /// <summary>Advances to the next step's rates (call after the optimizer's <c>step()</c>).</summary>
    public void Step() => Apply(position + 1);

    private static torch.optim.ILearningRateController[] Groups(torch.optim.Optimizer optimizer)
    {
        var groups = optimizer.ParamGroups?.ToArray() ?? [];
        if (groups.Length == 0)
        {
            throw new ArgumentException(
                "The optimizer has no parameter groups whose learning rate can be set; create it with at least one parameter group.", nameof(optimizer));
        }

        return groups;
    }

    private void Apply(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Position), step, "The scheduler position must be at least 0.");
        }

        var rates = new double[groups.Length];
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
