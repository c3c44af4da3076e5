using System.Globalization;

namespace LotteryTickets.Training.Schedules;

/// <summary>Argument checks shared by the schedules.</summary>
internal static class ScheduleChecks
{
    public static long Step(long step) =>
        step >= 0 ? step : throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be at least 0.");

    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(
                name, value, $"'{name}' must be a finite number of at least 0; {value.ToString("R", CultureInfo.InvariantCulture)} was given.");

    public static long AtLeastOne(long value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be at least 1; {value} was given.");
}
