namespace LotteryTickets.Pruning;

/// <summary>
/// The options of <see cref="GradualSchedule"/>: pruning inside one training run of <c>T</c> iterations, the target
/// sparsity following <see cref="Curve"/> over the window from <see cref="StartFraction"/>·T to
/// <see cref="EndFraction"/>·T (fasterai's <c>Schedule(sched_func, start_pct, end_pct, start_sparsity)</c>), with
/// fasterai's <c>lth</c>, <c>rewind_epoch</c> and <c>reset_end</c>. The schedule copies the options when it is
/// created and checks them all at once, reporting every problem in one <see cref="ArgumentException"/>.
/// </summary>
/// <remarks>
/// Zhu &amp; Gupta's AGP with start iteration t0, span nΔt and pruning every Δt iterations in a run of T iterations is
/// <see cref="SparsityCurve.Agp"/> with <see cref="StartFraction"/> = t0/T, <see cref="EndFraction"/> = (t0 + nΔt)/T
/// and <see cref="PruneEvery"/> = Δt.
/// </remarks>
public sealed class GradualScheduleOptions
{
    /// <summary>The default final sparsity.</summary>
    public const double DefaultFinalSparsity = 0.5;

    /// <summary>The shape of the target sparsity over the window.</summary>
    /// <value>The default value is <see cref="SparsityCurve.Agp"/>. Must not be null.</value>
    public SparsityCurve Curve { get; set; } = SparsityCurve.Agp;

    /// <summary>The sparsity the curve starts from (fasterai's <c>start_sparsity</c>, AGP's s_i).</summary>
    /// <value>The default value is 0. Must be at least 0, less than 1 and at most every final sparsity.</value>
    public double InitialSparsity { get; set; }

    /// <summary>The final sparsity (fasterai's <c>sparsity</c>, AGP's s_f): the fraction of weights pruned at the end of the window.</summary>
    /// <value>The default value is 0.5. Must be at least 0 and less than 1.</value>
    public double FinalSparsity { get; set; } = DefaultFinalSparsity;

    /// <summary>Per-layer final sparsities by parameter name, overriding <see cref="FinalSparsity"/>; layerwise scope only.</summary>
    /// <value>The default value is empty. Each must be at least <see cref="InitialSparsity"/> and less than 1.</value>
    public IDictionary<string, double> LayerSparsities { get; set; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Where the window starts, as a fraction of the run (fasterai's <c>start_pct</c>).</summary>
    /// <value>The default value is 0. Must be at least 0 and less than <see cref="EndFraction"/>.</value>
    public double StartFraction { get; set; }

    /// <summary>Where the window ends, as a fraction of the run (fasterai's <c>end_pct</c>); after it the last target stays.</summary>
    /// <value>The default value is 1. Must be greater than <see cref="StartFraction"/> and at most 1.</value>
    public double EndFraction { get; set; } = 1;

    /// <summary>Prune at most every this many iterations, counted from the window's first iteration (AGP's Δt).</summary>
    /// <value>The default value is 1 (every iteration whose target differs from the last one, as fasterai). Must be at least 1.</value>
    public int PruneEvery { get; set; } = 1;

    /// <summary>Whether each layer reaches its target on its own or one threshold spans all participating layers.</summary>
    /// <value>The default value is <see cref="PruningScope.Layerwise"/> (fasterai's <c>'local'</c>).</value>
    public PruningScope Scope { get; set; } = PruningScope.Layerwise;

    /// <summary>Parameter names never pruned.</summary>
    /// <value>The default value is empty.</value>
    public IList<string> IgnoredLayers { get; set; } = [];

    /// <summary>Reset the surviving weights to the snapshot after each pruning step (fasterai's <c>lth=True</c>); see <see cref="IGradualPruneSchedule"/>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ResetAfterEachPrune { get; set; }

    /// <summary>The epoch at whose start the snapshot is taken (fasterai's <c>rewind_epoch</c>); 0 for the initialization.</summary>
    /// <value>The default value is 0. Must be at least 0; above 0 only with <see cref="ResetAfterEachPrune"/> or <see cref="ResetAtEnd"/>.</value>
    public int RewindEpoch { get; set; }

    /// <summary>Reset the weights to the snapshot at the end of training, keeping the mask (fasterai's <c>reset_end=True</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ResetAtEnd { get; set; }

    /// <summary>Every problem with these options, as sentences; empty when they are valid (the constructor of the schedule throws them together).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> GetValidationErrors() => Check().Errors;

    internal void Validate() => Check().ThrowIfInvalid();

    private ScheduleValidator Check()
    {
        var v = new ScheduleValidator(nameof(GradualScheduleOptions));
        if (Curve is null)
        {
            v.Add("'Curve' is null; choose a shape such as SparsityCurve.Agp.");
        }

        v.Fraction(InitialSparsity, nameof(InitialSparsity));
        v.Fraction(FinalSparsity, nameof(FinalSparsity));
        v.Fractions(LayerSparsities, nameof(LayerSparsities));
        if (InitialSparsity > FinalSparsity)
        {
            v.Add($"'InitialSparsity' ({ScheduleValidator.Format(InitialSparsity)}) is greater than 'FinalSparsity' ({ScheduleValidator.Format(FinalSparsity)}); the final sparsity must be at least the initial one.");
        }

        foreach (var (layer, sparsity) in LayerSparsities ?? new Dictionary<string, double>())
        {
            if (sparsity < InitialSparsity)
            {
                v.Add($"'LayerSparsities[{layer}]' ({ScheduleValidator.Format(sparsity)}) is less than 'InitialSparsity' ({ScheduleValidator.Format(InitialSparsity)}); a final sparsity must be at least the initial one.");
            }
        }

        if (!(StartFraction >= 0 && StartFraction < 1))
        {
            v.Add($"'StartFraction' is {ScheduleValidator.Format(StartFraction)}; it must be at least 0 and less than 1.");
        }

        if (!(EndFraction > 0 && EndFraction <= 1))
        {
            v.Add($"'EndFraction' is {ScheduleValidator.Format(EndFraction)}; it must be greater than 0 and at most 1.");
        }
        else if (StartFraction >= EndFraction)
        {
            v.Add($"'StartFraction' ({ScheduleValidator.Format(StartFraction)}) is not before 'EndFraction' ({ScheduleValidator.Format(EndFraction)}); the window must start before it ends.");
        }

        v.AtLeast(PruneEvery, 1, nameof(PruneEvery));
        v.AtLeast(RewindEpoch, 0, nameof(RewindEpoch));
        if (RewindEpoch > 0 && !ResetAfterEachPrune && !ResetAtEnd)
        {
            v.Add($"'RewindEpoch' is {RewindEpoch}, but neither 'ResetAfterEachPrune' nor 'ResetAtEnd' is set, so nothing would rewind; set one of them or leave 'RewindEpoch' at 0.");
        }

        v.Names(IgnoredLayers, nameof(IgnoredLayers));
        if (!Enum.IsDefined(Scope))
        {
            v.Add($"'{nameof(Scope)}' is {Scope}; it must be Layerwise or Global.");
        }

        if (Scope == PruningScope.Global && LayerSparsities is { Count: > 0 })
        {
            v.Add("'LayerSparsities' is set but 'Scope' is Global, where one sparsity spans all layers; clear 'LayerSparsities' or use Layerwise scope.");
        }

        return v;
    }
}
