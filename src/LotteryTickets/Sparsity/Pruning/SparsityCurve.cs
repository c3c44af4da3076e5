namespace LotteryTickets.Pruning;

/// <summary>
/// The shape of a gradual pruning schedule: the target sparsity as a function of the position in the pruning
/// window, from <c>start</c> at position 0 to (usually) <c>end</c> at position 1 — fasterai's
/// <c>sched_func(start, end, pos)</c>. Subclass it for a shape of your own.
/// </summary>
public abstract class SparsityCurve
{
    /// <summary>fasterai's <c>one_shot</c>: <c>end</c> everywhere, so everything is pruned at the window's first step.</summary>
    public static SparsityCurve OneShot { get; } = new Curves.OneShotCurve();

    /// <summary>Zhu &amp; Gupta's automated gradual pruning (fasterai's <c>sched_agp</c>): <c>end + (start − end)(1 − pos)³</c>.</summary>
    public static SparsityCurve Agp { get; } = new Curves.AgpCurve();

    /// <summary>fasterai's <c>sched_lin</c> (fastai's): <c>start + pos (end − start)</c>.</summary>
    public static SparsityCurve Linear { get; } = new Curves.LinearCurve();

    /// <summary>fasterai's <c>sched_cos</c> (fastai's): <c>start + (1 + cos(π (1 − pos))) (end − start) / 2</c>.</summary>
    public static SparsityCurve Cosine { get; } = new Curves.CosineCurve();

    /// <summary>
    /// fasterai's <c>sched_dsd</c> (dense-sparse-dense): a cosine rise from <c>start</c> to <c>end</c> over the first
    /// half, then a fall back to <c>start</c> over the second half — the target decreases, so pruned weights regrow.
    /// </summary>
    public static SparsityCurve Dsd { get; } = new Curves.DsdCurve();

    /// <summary>
    /// fasterai's <c>sched_iterative</c>: <c>steps</c> equal jumps, <c>start + (end − start)/steps · ⌈pos · steps⌉</c>
    /// (the first jump as soon as the position passes 0).
    /// </summary>
    /// <param name="steps">The number of jumps; fasterai's default is 3.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is less than 1.</exception>
    public static SparsityCurve Iterative(int steps = 3) => new Curves.IterativeCurve(steps);

    /// <summary>
    /// fasterai's <c>sched_onecycle</c> (Hubens et al., One-Cycle Pruning): a logistic rise,
    /// <c>start + (end − start) (1 + e^(β − α)) / (1 + e^(β − α·pos))</c>.
    /// </summary>
    /// <param name="alpha">The steepness α; fasterai's default is 14.</param>
    /// <param name="beta">The offset β; fasterai's default is 6.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite.</exception>
    public static SparsityCurve OneCycle(double alpha = 14, double beta = 6) => new Curves.OneCycleCurve(alpha, beta);

    /// <summary>The target sparsity at <paramref name="position"/> in the pruning window.</summary>
    /// <param name="start">The sparsity at the start of the window.</param>
    /// <param name="end">The final sparsity.</param>
    /// <param name="position">The position in the window, from 0 (its start) to 1 (its end).</param>
    /// <returns>The target sparsity (the schedule clamps it into [0, max(start, end)]).</returns>
    public abstract double Evaluate(double start, double end, double position);

    /// <summary>A name that identifies the curve and its parameters (used in reports and plan hashes).</summary>
    /// <returns>The name, e.g. <c>iterative(steps=3)</c>.</returns>
    public abstract override string ToString();
}
