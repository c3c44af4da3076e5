namespace LotteryTickets.Pruning;

/// <summary>
/// fasterai's ready-made schedules with their windows (<c>one_shot</c> starts at 50% of training, <c>iterative</c>
/// and <c>agp</c> at 20%, the others at 0; all end at 100%), as <see cref="GradualSchedule"/>s. Pass
/// <c>configure</c> to change anything else, e.g. <c>o =&gt; o.ResetAfterEachPrune = true</c> for fasterai's
/// <c>lth=True</c>.
/// </summary>
public static class GradualSchedules
{
    /// <summary>fasterai's <c>one_shot</c>: prune to <paramref name="sparsity"/> at half of training.</summary>
    /// <param name="sparsity">The final sparsity.</param>
    /// <param name="configure">Changes to the options, applied after the preset.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static GradualSchedule OneShot(double sparsity, Action<GradualScheduleOptions>? configure = null) =>
        Create(SparsityCurve.OneShot, 0.5, sparsity, configure);

    /// <summary>fasterai's <c>iterative</c>: <paramref name="steps"/> equal jumps from 20% of training on.</summary>
    /// <param name="sparsity">The final sparsity.</param>
    /// <param name="steps">The number of jumps (fasterai: 3).</param>
    /// <param name="configure">Changes to the options, applied after the preset.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static GradualSchedule Iterative(double sparsity, int steps = 3, Action<GradualScheduleOptions>? configure = null) =>
        Create(SparsityCurve.Iterative(steps), 0.2, sparsity, configure);

    /// <summary>fasterai's <c>agp</c>: the cubic AGP curve from 20% of training on.</summary>
    /// <param name="sparsity">The final sparsity.</param>
    /// <param name="configure">Changes to the options, applied after the preset.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static GradualSchedule Agp(double sparsity, Action<GradualScheduleOptions>? configure = null) =>
        Create(SparsityCurve.Agp, 0.2, sparsity, configure);

    /// <summary>fasterai's <c>one_cycle</c>: the logistic one-cycle curve over the whole run.</summary>
    /// <param name="sparsity">The final sparsity.</param>
    /// <param name="configure">Changes to the options, applied after the preset.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static GradualSchedule OneCycle(double sparsity, Action<GradualScheduleOptions>? configure = null) =>
        Create(SparsityCurve.OneCycle(), 0, sparsity, configure);

    /// <summary>fasterai's <c>cos</c>: a half cosine over the whole run.</summary>
    /// <param name="sparsity">The final sparsity.</param>
    /// <param name="configure">Changes to the options, applied after the preset.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static GradualSchedule Cosine(double sparsity, Action<GradualScheduleOptions>? configure = null) =>
        Create(SparsityCurve.Cosine, 0, sparsity, configure);

    /// <summary>fasterai's <c>lin</c>: a straight line over the whole run.</summary>
    /// <param name="sparsity">The final sparsity.</param>
    /// <param name="configure">Changes to the options, applied after the preset.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static GradualSchedule Linear(double sparsity, Action<GradualScheduleOptions>? configure = null) =>
        Create(SparsityCurve.Linear, 0, sparsity, configure);

    /// <summary>fasterai's <c>dsd</c>: dense-sparse-dense over the whole run.</summary>
    /// <param name="sparsity">The peak sparsity, reached at half of training.</param>
    /// <param name="configure">Changes to the options, applied after the preset.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static GradualSchedule Dsd(double sparsity, Action<GradualScheduleOptions>? configure = null) =>
        Create(SparsityCurve.Dsd, 0, sparsity, configure);

    private static GradualSchedule Create(SparsityCurve curve, double start, double sparsity, Action<GradualScheduleOptions>? configure)
    {
        var options = new GradualScheduleOptions { Curve = curve, StartFraction = start, FinalSparsity = sparsity };
        configure?.Invoke(options);
        return new GradualSchedule(options);
    }
}
