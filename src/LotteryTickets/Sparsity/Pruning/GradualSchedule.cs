using System.Globalization;
using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// Gradual pruning inside one training run, as fasterai's <c>SparsifyCallback</c> with a <c>Schedule</c>: at
/// iteration t of T the run is at <c>pct = t / T</c> (fastai's <c>pct_train</c>); inside the window
/// [<see cref="StartFraction"/>, <see cref="EndFraction"/>] the target sparsity is
/// <c>Curve(InitialSparsity, FinalSparsity, (pct − start) / (end − start))</c>; before it nothing is pruned, after it
/// the last target stays. An iteration is a pruning step when it lies in the window, is a multiple of
/// <see cref="PruneEvery"/> iterations after the window's first iteration, and its target differs from the previous
/// step's (0 before the first step).
/// </summary>
/// <remarks>
/// <para>The flags <see cref="ResetAfterEachPrune"/>, <see cref="RewindEpoch"/> and <see cref="ResetAtEnd"/> are
/// acted on by the runner; <see cref="IGradualPruneSchedule"/> says exactly how.</para>
/// <para>Differences from fasterai, on purpose: fasterai rounds <c>pct</c> to three decimals (with runs of at most
/// 1,000 iterations, or any multiple of 1,000 divided evenly, the two agree exactly); fasterai compares the first
/// target with <c>start_sparsity</c> where this schedule compares it with 0, so an <see cref="InitialSparsity"/>
/// above 0 is pruned to at the window's first iteration.</para>
/// </remarks>
public sealed class GradualSchedule : IGradualPruneSchedule
{
    private readonly Dictionary<string, double> layerSparsities;
    private readonly string[] ignored;

    /// <summary>Creates the schedule from a copy of <paramref name="options"/>.</summary>
    /// <param name="options">The options; null for the defaults (AGP to 0.5 over the whole run, layerwise, no resets).</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public GradualSchedule(GradualScheduleOptions? options = null)
    {
        options ??= new GradualScheduleOptions();
        options.Validate();
        Curve = options.Curve;
        InitialSparsity = options.InitialSparsity;
        FinalSparsity = options.FinalSparsity;
        StartFraction = options.StartFraction;
        EndFraction = options.EndFraction;
        PruneEvery = options.PruneEvery;
        Scope = options.Scope;
        ResetAfterEachPrune = options.ResetAfterEachPrune;
        RewindEpoch = options.RewindEpoch;
        ResetAtEnd = options.ResetAtEnd;
        layerSparsities = new Dictionary<string, double>(options.LayerSparsities, StringComparer.Ordinal);
        ignored = options.IgnoredLayers.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The shape of the target sparsity over the window.</summary>
    public SparsityCurve Curve { get; }

    /// <summary>The sparsity the curve starts from.</summary>
    public double InitialSparsity { get; }

    /// <summary>The final sparsity of every layer without an override (or, global, of all participating layers).</summary>
    public double FinalSparsity { get; }

    /// <summary>Per-layer final sparsities by parameter name.</summary>
    public IReadOnlyDictionary<string, double> LayerSparsities => layerSparsities;

    /// <summary>Where the window starts, as a fraction of the run.</summary>
    public double StartFraction { get; }

    /// <summary>Where the window ends, as a fraction of the run.</summary>
    public double EndFraction { get; }

    /// <summary>The spacing of candidate pruning iterations, from the window's first iteration.</summary>
    public int PruneEvery { get; }

    /// <inheritdoc />
    public PruningScope Scope { get; }

    /// <summary>The parameter names never pruned.</summary>
    public IReadOnlyList<string> IgnoredLayers => ignored;

    /// <inheritdoc />
    public bool ResetAfterEachPrune { get; }

    /// <inheritdoc />
    public int RewindEpoch { get; }

    /// <inheritdoc />
    public bool ResetAtEnd { get; }

    /// <inheritdoc />
    public PruningStep? GetStep(long iteration, long totalIterations, IReadOnlyList<PrunableLayer> layers)
    {
        CheckIteration(iteration, totalIterations);
        var participating = ScheduleLayers.Participating(nameof(GradualSchedule), layers, ignored, layerSparsities.Keys);
        if (participating.Length == 0 || !IsPruningStep(iteration, totalIterations, participating.Select(FinalFor)))
        {
            return null;
        }

        return Scope == PruningScope.Global
            ? PruningStep.Global(participating, PruneAmount.TargetSparsity(Target(iteration, totalIterations, FinalSparsity)))
            : PruningStep.Layerwise(participating.Select(l => new LayerPruning(
                l, PruneAmount.TargetSparsity(Target(iteration, totalIterations, FinalFor(l))))));
    }

    /// <summary>
    /// The target sparsity in effect once iteration <paramref name="iteration"/>'s pruning (if any) is done, for a layer
    /// without an override: 0 before the first step, then the target of the latest candidate step (for reports and plots).
    /// </summary>
    /// <param name="iteration">The iteration, 0 … T − 1.</param>
    /// <param name="totalIterations">The number of iterations of the run, T.</param>
    /// <returns>The target sparsity.</returns>
    public double SparsityAt(long iteration, long totalIterations)
    {
        CheckIteration(iteration, totalIterations);
        if (FirstWindowIteration(totalIterations) is not { } first || iteration < first)
        {
            return 0;
        }

        var last = Math.Min(iteration, LastWindowIteration(totalIterations));
        var candidate = first + ((last - first) / PruneEvery * PruneEvery);
        return Target(candidate, totalIterations, FinalSparsity);
    }

    /// <summary>The first iteration that is a pruning step (for any layer's final sparsity), or null when the run never prunes.</summary>
    /// <param name="totalIterations">The number of iterations of the run, T.</param>
    /// <returns>The iteration, or null.</returns>
    public long? FirstPruningIteration(long totalIterations)
    {
        CheckIteration(0, totalIterations);
        if (FirstWindowIteration(totalIterations) is not { } first)
        {
            return null;
        }

        var finals = layerSparsities.Values.Append(FinalSparsity).ToArray();
        var last = LastWindowIteration(totalIterations);
        for (var t = first; t <= last; t += PruneEvery)
        {
            if (IsPruningStep(t, totalIterations, finals))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>
    /// Checks fasterai's rule that the snapshot used by the resets is taken no later than the first pruning step:
    /// <c>RewindEpoch × batchesPerEpoch</c> ≤ <see cref="FirstPruningIteration"/>. Does nothing when no reset is set.
    /// </summary>
    /// <param name="batchesPerEpoch">The number of iterations per epoch.</param>
    /// <param name="totalIterations">The number of iterations of the run, T.</param>
    /// <exception cref="ArgumentException">The snapshot would come after the first pruning step or after the run.</exception>
    public void CheckRewindPoint(long batchesPerEpoch, long totalIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesPerEpoch, 1);
        CheckIteration(0, totalIterations);
        if (!ResetAfterEachPrune && !ResetAtEnd)
        {
            return;
        }

        var rewind = RewindEpoch * batchesPerEpoch;
        var first = FirstPruningIteration(totalIterations);
        if (rewind >= totalIterations || (first is { } f && rewind > f))
        {
            var when = first is { } p ? string.Create(CultureInfo.InvariantCulture, $"the first pruning step at iteration {p}") : "the end of the run";
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The rewind point (start of epoch {RewindEpoch}, iteration {rewind}) comes after {when}, but the weights to reset to must be saved before the first pruning step. Lower 'RewindEpoch' or start pruning later ('StartFraction')."),
                nameof(batchesPerEpoch));
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"gradual {Curve} {InitialSparsity:R}→{FinalSparsity:R} over [{StartFraction:R}, {EndFraction:R}] every {PruneEvery}, {Scope}");

    private static void CheckIteration(long iteration, long totalIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalIterations, 1);
        if (iteration < 0 || iteration >= totalIterations)
        {
            throw new ArgumentOutOfRangeException(
                nameof(iteration), iteration, $"The iteration is {iteration}; a run of {totalIterations} iterations has iterations 0 to {totalIterations - 1}.");
        }
    }

    private static double Pct(long iteration, long totalIterations) => (double)iteration / totalIterations;

    private double FinalFor(PrunableLayer layer) =>
        Scope == PruningScope.Layerwise && layerSparsities.TryGetValue(layer.Name, out var s) ? s : FinalSparsity;

    private bool InWindow(long iteration, long totalIterations)
    {
        var pct = Pct(iteration, totalIterations);
        return pct >= StartFraction && pct <= EndFraction;
    }

    private long? FirstWindowIteration(long totalIterations)
    {
        var t = Math.Clamp((long)Math.Ceiling(StartFraction * totalIterations), 0, totalIterations);
        while (t > 0 && Pct(t - 1, totalIterations) >= StartFraction)
        {
            t--;
        }

        while (t < totalIterations && Pct(t, totalIterations) < StartFraction)
        {
            t++;
        }

        return t < totalIterations && InWindow(t, totalIterations) ? t : null;
    }

    private long LastWindowIteration(long totalIterations)
    {
        var t = Math.Clamp((long)Math.Floor(EndFraction * totalIterations), 0, totalIterations - 1);
        while (t + 1 < totalIterations && Pct(t + 1, totalIterations) <= EndFraction)
        {
            t++;
        }

        while (t > 0 && Pct(t, totalIterations) > EndFraction)
        {
            t--;
        }

        return t;
    }

    private bool IsPruningStep(long iteration, long totalIterations, IEnumerable<double> finals)
    {
        if (!InWindow(iteration, totalIterations) || FirstWindowIteration(totalIterations) is not { } first
            || (iteration - first) % PruneEvery != 0)
        {
            return false;
        }

        var previous = iteration - PruneEvery;
        foreach (var final in finals)
        {
            var before = previous >= first ? Target(previous, totalIterations, final) : 0;
            if (Target(iteration, totalIterations, final) != before)
            {
                return true;
            }
        }

        return false;
    }

    private double Target(long iteration, long totalIterations, double final)
    {
        var position = (Pct(iteration, totalIterations) - StartFraction) / (EndFraction - StartFraction);
        var value = Curve.Evaluate(InitialSparsity, final, position);
        return Math.Clamp(value, 0, Math.Max(InitialSparsity, final));
    }
}
