using LotteryTickets.Tickets;

namespace LotteryTickets.Initialization;

/// <summary>
/// The built-in ticket transforms by name, so that an experiment file can name them: Frankle &amp; Carbin's controls
/// (<c>random_reinit</c>, <c>random_pruning</c>), Zhou et al.'s kept-weight transforms (<c>reshuffle</c>,
/// <c>signed_reinit</c>, <c>signed_reshuffle</c>, <c>signed_constant</c>, <c>random_signed_constant</c>) and pruned-weight
/// modes (<c>freeze_init</c>, <c>freeze_init_zero_mask</c>, <c>freeze_init_zero_all</c>), Su et al.'s sanity checks
/// (<c>rearrange</c>, <c>shuffle_weights</c>) and masks made at initialization with the ticket's count (<c>snip</c>,
/// <c>grasp</c> and their <c>_random_labels</c> / <c>_shuffled_pixels</c> data checks, <c>synflow</c>,
/// <c>random_uniform</c>, <c>smart_ratio</c>, <c>random_erk</c>, <c>hybrid</c>). Transforms of your own need no
/// registration: pass the instances to the experiment builder.
/// </summary>
public static class TicketTransforms
{
    /// <summary>Frankle &amp; Carbin's random-reinitialization control.</summary>
    public static ITicketTransform RandomReinitialization { get; } = new RandomReinitialization();

    /// <summary>Random pruning with the ticket's per-layer counts.</summary>
    public static ITicketTransform RandomPruning { get; } = new RandomPruning();

    /// <summary>Zhou et al.'s reshuffle of the kept starting weights within each layer.</summary>
    public static ITicketTransform Reshuffle { get; } = new Reshuffle();

    /// <summary>Zhou et al.'s signed reinitialization: fresh magnitudes, the ticket's signs.</summary>
    public static ITicketTransform SignedReinitialization { get; } = new SignedReinitialization();

    /// <summary>Zhou et al.'s signed reshuffle: reshuffled magnitudes, each weight's own sign.</summary>
    public static ITicketTransform SignedReshuffle { get; } = new SignedReshuffle();

    /// <summary>Zhou et al.'s signed constant: sign(w_start) · σ_layer.</summary>
    public static ITicketTransform SignedConstant { get; } = new SignedConstant();

    /// <summary>Zhou et al.'s random signed constant: ±σ_layer with random signs.</summary>
    public static ITicketTransform RandomSignedConstant { get; } = new RandomSignedConstant();

    /// <summary>Zhou et al.'s mask-0 mode: pruned weights frozen at their starting values.</summary>
    public static ITicketTransform FreezeInit { get; } = new FreezeInit();

    /// <summary>Zhou et al.'s mask-0 mode: pruned weights frozen at their starting values, or at zero where their magnitude decreased.</summary>
    public static ITicketTransform FreezeInitZeroMask { get; } = new FreezeInitZeroMask();

    /// <summary>Zhou et al.'s mask-0 mode: every weight whose magnitude decreased set to zero, then pruned weights frozen.</summary>
    public static ITicketTransform FreezeInitZeroAll { get; } = new FreezeInitZeroAll();

    /// <summary>Su et al.'s sanity check "rearrange the mask within each layer": exactly <see cref="RandomPruning"/>, under the name <c>rearrange</c>.</summary>
    public static ITicketTransform Rearrange { get; } = new TicketTransformAlias("rearrange", RandomPruning);

    /// <summary>Su et al.'s sanity check "shuffle the kept weights within each layer": exactly <see cref="Reshuffle"/>, under the name <c>shuffle_weights</c>.</summary>
    public static ITicketTransform ShuffleWeights { get; } = new TicketTransformAlias("shuffle_weights", Reshuffle);

    /// <summary>SNIP at initialization (<c>snip</c>): |g ⊙ w| on a class-balanced batch, one global threshold, the ticket's total count.</summary>
    public static ITicketTransform Snip { get; } = new Initialization.SnipPruning();

    /// <summary>SNIP scored on randomly labelled data (<c>snip_random_labels</c>), Su et al.'s data sanity check.</summary>
    public static ITicketTransform SnipRandomLabels { get; } = new Initialization.SnipPruning(new() { DataVariant = Initialization.ScoringDataVariant.RandomLabels });

    /// <summary>SNIP scored on pixel-shuffled data (<c>snip_shuffled_pixels</c>), Su et al.'s data sanity check.</summary>
    public static ITicketTransform SnipShuffledPixels { get; } = new Initialization.SnipPruning(new() { DataVariant = Initialization.ScoringDataVariant.ShuffledPixels });

    /// <summary>GraSP at initialization (<c>grasp</c>): GraSP's −θ ⊙ Hg at temperature 200, smallest kept, the ticket's total count.</summary>
    public static ITicketTransform Grasp { get; } = new Initialization.GraspPruning();

    /// <summary>GraSP scored on randomly labelled data (<c>grasp_random_labels</c>), Su et al.'s data sanity check.</summary>
    public static ITicketTransform GraspRandomLabels { get; } = new Initialization.GraspPruning(new() { DataVariant = Initialization.ScoringDataVariant.RandomLabels });

    /// <summary>GraSP scored on pixel-shuffled data (<c>grasp_shuffled_pixels</c>), Su et al.'s data sanity check.</summary>
    public static ITicketTransform GraspShuffledPixels { get; } = new Initialization.GraspPruning(new() { DataVariant = Initialization.ScoringDataVariant.ShuffledPixels });

    /// <summary>SynFlow at initialization (<c>synflow</c>): data-free, 100 rounds of an exponential schedule, the ticket's total count.</summary>
    public static ITicketTransform SynFlow { get; } = new Initialization.SynFlowPruning();

    /// <summary>Random masks at initialization with the same density in every layer (<c>random_uniform</c>).</summary>
    public static ITicketTransform RandomUniform { get; } = Initialization.RandomTicket.Uniform();

    /// <summary>Su et al.'s random tickets: random masks with smart-ratio densities (<c>smart_ratio</c>, non-residual, linear layers keeping 0.3).</summary>
    public static ITicketTransform SmartRatio { get; } = Initialization.RandomTicket.SmartRatio();

    /// <summary>Random masks with Erdős–Rényi-Kernel densities (<c>random_erk</c>).</summary>
    public static ITicketTransform RandomErk { get; } = Initialization.RandomTicket.Erk();

    /// <summary>Su et al.'s hybrid tickets: smart-ratio counts at the largest start magnitudes (<c>hybrid</c>).</summary>
    public static ITicketTransform Hybrid { get; } = new Initialization.HybridTicket();

    private static readonly Dictionary<string, ITicketTransform> BuiltIns = new ITicketTransform[]
    {
        RandomReinitialization, RandomPruning,
        Reshuffle, SignedReinitialization, SignedReshuffle, SignedConstant, RandomSignedConstant,
        FreezeInit, FreezeInitZeroMask, FreezeInitZeroAll,
        Rearrange, ShuffleWeights,
        RandomUniform, SmartRatio, RandomErk, Hybrid,
        Snip, SnipRandomLabels, SnipShuffledPixels, Grasp, GraspRandomLabels, GraspShuffledPixels, SynFlow,
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The names <see cref="Get"/> knows, in registry order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. BuiltIns.Keys];

    /// <summary>The built-in transform named <paramref name="name"/>.</summary>
    /// <param name="name">E.g. <c>random_reinit</c>.</param>
    /// <returns>The transform.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static ITicketTransform Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name, out var transform)
            ? transform
            : throw new ArgumentException(UnknownMessage(name), nameof(name));
    }

    /// <summary>Whether <paramref name="name"/> is a built-in transform.</summary>
    /// <param name="name">A transform name.</param>
    /// <param name="transform">The transform, when known.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ITicketTransform? transform)
    {
        transform = null;
        return name is not null && BuiltIns.TryGetValue(name, out transform);
    }

    internal static string UnknownMessage(string name) =>
        $"The ticket transform '{name}' is unknown; the known transforms are {string.Join(", ", Names.Select(n => $"'{n}'"))}. Check the spelling, or pass an ITicketTransform instance.";
}
