namespace LotteryTickets.Tickets;

/// <summary>
/// The built-in ticket transforms by name, so that an experiment file can name them: <c>random_reinit</c>
/// (<see cref="RandomReinitialization"/>) and <c>random_pruning</c> (<see cref="RandomPruning"/>). Transforms of
/// your own need no registration: pass the instances to the experiment builder.
/// </summary>
public static class TicketTransforms
{
    /// <summary>Frankle &amp; Carbin's random-reinitialization control.</summary>
    public static ITicketTransform RandomReinitialization { get; } = new RandomReinitialization();

    /// <summary>Random pruning with the ticket's per-layer counts.</summary>
    public static ITicketTransform RandomPruning { get; } = new RandomPruning();

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
        RandomUniform, SmartRatio, RandomErk, Hybrid,
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
