using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// Checks, before a <see cref="Sparsifier"/> is made, that its schedule is one of the two kinds it carries out and fits its
/// layers: no layer listed twice, and the schedule's first step (or level) names only these layers.
/// </summary>
internal static class ScheduleFit
{
    /// <summary>Throws when <paramref name="schedule"/> does not fit <paramref name="layers"/>.</summary>
    /// <param name="schedule">The schedule: an <see cref="IGradualPruneSchedule"/> or an <see cref="ILevelPruneSchedule"/>.</param>
    /// <param name="layers">The prunable layers.</param>
    /// <exception cref="ArgumentException">A layer appears twice, the schedule is of neither kind, or its first step does not fit the layers.</exception>
    public static void Check(IPruneSchedule schedule, IReadOnlyList<PrunableLayer> layers)
    {
        var duplicate = layers.GroupBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The layer '{duplicate.Key}' appears twice in the prunable layers. List each layer once.", nameof(layers));
        }

        switch (schedule)
        {
            case IGradualPruneSchedule gradual:
                gradual.GetStep(0, 1, layers);
                break;
            case ILevelPruneSchedule level:
                if (level.Levels > 0)
                {
                    level.GetLevel(1, layers);
                }

                break;
            default:
                throw new ArgumentException(
                    $"The schedule '{schedule.GetType().Name}' is neither an IGradualPruneSchedule nor an ILevelPruneSchedule; give one of the two kinds (e.g. GradualSchedules.Agp or IterativeRates).",
                    nameof(schedule));
        }
    }
}
