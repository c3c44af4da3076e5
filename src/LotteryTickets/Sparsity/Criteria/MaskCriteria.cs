namespace LotteryTickets.Criteria;

/// <summary>
/// The built-in mask criteria of Zhou et al. (Deconstructing Lottery Tickets), by name. Higher
/// scores are kept. w_i are the initial (or rewind-point) weights, w_f the trained ones.
/// </summary>
/// <remarks>
/// Sign filters (<see cref="SameSign"/>, <see cref="DifferentSign"/>) decorate any criterion; by
/// name, append <c>_same_sign</c> or <c>_different_sign</c> (Zhou et al.'s <c>_diff_sign</c> is
/// accepted too), e.g. <c>large_final_same_sign</c>. Zhou et al.'s code gives filtered-out
/// weights the score 0; here they score −∞, so they are pruned first even where the inner
/// criterion's scores can be negative (magnitude_increase).
/// </remarks>
public static class MaskCriteria
{
    /// <summary>large_final: |w_f| (Frankle &amp; Carbin's magnitude pruning).</summary>
    public static IMaskCriterion LargeFinal { get; } = new ElementwiseCriterion("large_final", false, true, (_, wf) => wf!.abs());

    /// <summary>small_final: −|w_f|.</summary>
    public static IMaskCriterion SmallFinal { get; } = new ElementwiseCriterion("small_final", false, true, (_, wf) => wf!.abs().neg());

    /// <summary>large_init: |w_i|.</summary>
    public static IMaskCriterion LargeInit { get; } = new ElementwiseCriterion("large_init", true, false, (wi, _) => wi!.abs());

    /// <summary>small_init: −|w_i|.</summary>
    public static IMaskCriterion SmallInit { get; } = new ElementwiseCriterion("small_init", true, false, (wi, _) => wi!.abs().neg());

    /// <summary>magnitude_increase: |w_f| − |w_i|.</summary>
    public static IMaskCriterion MagnitudeIncrease { get; } =
        new ElementwiseCriterion("magnitude_increase", true, true, (wi, wf) => wf!.abs().sub(wi!.abs()));

    /// <summary>movement: |w_f − w_i|.</summary>
    public static IMaskCriterion Movement { get; } = new ElementwiseCriterion("movement", true, true, (wi, wf) => wf!.sub(wi!).abs());

    /// <summary>
    /// large_init_large_final: keeps weights large both at initialization and after training.
    /// Zhou et al.'s code keeps the quadrant |w_i| ≥ t_i and |w_f| ≥ t_f with both thresholds at
    /// the same within-layer percentile (the paper draws it as min(α|w_i|, |w_f|) with α matching
    /// the two scales). The score is min(F_i(|w_i|), F_f(|w_f|)), where F is the within-layer
    /// empirical CDF (rank / count) among the layer's remaining weights; pruning the k lowest
    /// scores gives exactly that quadrant for any k. Scores are per-layer percentiles, so under
    /// global scope every layer is pruned at about the same fraction.
    /// </summary>
    public static IMaskCriterion LargeInitLargeFinal { get; } = new QuadrantCriterion("large_init_large_final", large: true);

    /// <summary>
    /// small_init_small_final: keeps weights small both at initialization and after training;
    /// the mirror of <see cref="LargeInitLargeFinal"/>: min(G_i(|w_i|), G_f(|w_f|)) with G the
    /// within-layer percentile rank in descending order of magnitude (Zhou et al.'s
    /// −max(α|w_i|, |w_f|)).
    /// </summary>
    public static IMaskCriterion SmallInitSmallFinal { get; } = new QuadrantCriterion("small_init_small_final", large: false);

    /// <summary>random: uniform scores in [0, 1) drawn from <see cref="CriterionContext.Generator"/>.</summary>
    public static IMaskCriterion Random { get; } = new RandomCriterion();

    /// <summary>
    /// <paramref name="criterion"/> restricted to weights whose sign did not change
    /// (sign(w_i) = sign(w_f)); the others score −∞ and are pruned first.
    /// </summary>
    /// <param name="criterion">The inner criterion.</param>
    public static IMaskCriterion SameSign(IMaskCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return new SignFilterCriterion(criterion, SignFilter.SameSign);
    }

    /// <summary>
    /// <paramref name="criterion"/> restricted to weights whose sign changed
    /// (sign(w_i) ≠ sign(w_f)); the others score −∞ and are pruned first.
    /// </summary>
    /// <param name="criterion">The inner criterion.</param>
    public static IMaskCriterion DifferentSign(IMaskCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return new SignFilterCriterion(criterion, SignFilter.DifferentSign);
    }

    /// <summary>The built-in criterion named <paramref name="name"/>, with an optional sign-filter suffix.</summary>
    /// <param name="name">E.g. <c>large_final</c>, <c>magnitude_increase_same_sign</c>.</param>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static IMaskCriterion Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (BuiltIns.TryGetValue(name, out var c))
        {
            return c;
        }

        foreach (var (suffix, filter) in new[] { ("_same_sign", SignFilter.SameSign), ("_different_sign", SignFilter.DifferentSign), ("_diff_sign", SignFilter.DifferentSign) })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && BuiltIns.TryGetValue(name[..^suffix.Length], out var inner))
            {
                return new SignFilterCriterion(inner, filter);
            }
        }

        throw new ArgumentException(
            $"The mask criterion '{name}' is unknown; the known criteria are {string.Join(", ", Names.Select(n => $"'{n}'"))}, each optionally followed by '_same_sign' or '_different_sign'.",
            nameof(name));
    }

    /// <summary>Whether <see cref="Get"/> knows <paramref name="name"/>.</summary>
    /// <param name="name">A criterion name.</param>
    /// <param name="criterion">The criterion, when known.</param>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IMaskCriterion? criterion)
    {
        try
        {
            criterion = Get(name);
            return true;
        }
        catch (ArgumentException)
        {
            criterion = null;
            return false;
        }
    }

    // Declared after the criteria: static initializers run in textual order.
    private static readonly Dictionary<string, IMaskCriterion> BuiltIns = new IMaskCriterion[]
    {
        LargeFinal, SmallFinal, LargeInit, SmallInit, MagnitudeIncrease, Movement, LargeInitLargeFinal, SmallInitSmallFinal, Random,
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The names <see cref="Get"/> accepts without a sign-filter suffix, in the order of Zhou et al.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. BuiltIns.Keys];
}
