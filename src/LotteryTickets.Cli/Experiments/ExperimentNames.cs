using LotteryTickets.Components;
using LotteryTickets.Models;
using LotteryTickets.Initialization;

namespace LotteryTickets.Cli.Experiments;

/// <summary>The names an experiment file may use for things chosen from fixed lists.</summary>
public static class ExperimentNames
{
    /// <summary>The data sets of <c>LotteryTickets.Datasets</c>.</summary>
    public static IReadOnlyList<string> Datasets { get; } = ["fashion_mnist", "mnist", "kmnist", "cifar10", "cifar100", "gaussian_blobs"];

    /// <summary>The networks of the model zoo (<see cref="ModelZoo.Names"/>).</summary>
    public static IReadOnlyList<string> Models => ModelZoo.Names;

    /// <summary>The options a zoo network accepts in <c>model.options</c>.</summary>
    public static IReadOnlyList<string> ModelOptions { get; } = ["widthMultiplier"];

    /// <summary>The ticket transforms a control branch may apply (<see cref="TicketTransforms.Names"/>).</summary>
    public static IReadOnlyList<string> Transforms => TicketTransforms.Names;

    /// <summary>The learning-rate schedules.</summary>
    public static IReadOnlyList<string> Schedules { get; } = ["constant", "step", "multistep", "cosine"];

    /// <summary>The curves of a gradual schedule (<c>LotteryTickets.Pruning.SparsityCurve</c>).</summary>
    public static IReadOnlyList<string> Curves { get; } = ["agp", "one_shot", "iterative", "one_cycle", "linear", "cosine", "dsd"];

    /// <summary>The pruning scopes.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["layerwise", "global"];

    /// <summary>
    /// The name in <paramref name="known"/> that <paramref name="text"/> names, matching as keys do (ignoring case,
    /// '_' and '-', so <c>lenet_300_100</c> names <c>lenet300_100</c>), or <see langword="null"/>.
    /// </summary>
    /// <param name="known">The known names.</param>
    /// <param name="text">The name as written.</param>
    /// <returns>The known name, or <see langword="null"/> when none matches.</returns>
    public static string? Find(IEnumerable<string> known, string? text)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (text is null)
        {
            return null;
        }

        var key = Simplify(text);
        return known.FirstOrDefault(n => Simplify(n) == key);
    }

    /// <summary>
    /// <paramref name="text"/> with its name spelled as <paramref name="catalog"/> registers it, matching as keys do
    /// (ignoring case, '_' and '-'); the text as written when no name matches (the catalog then reports it).
    /// </summary>
    /// <typeparam name="T">The kind of part.</typeparam>
    /// <param name="catalog">The registered parts of that kind.</param>
    /// <param name="text"><c>name</c> or <c>name(key=value, ...)</c> as written in the file.</param>
    /// <returns>The text to give the builder.</returns>
    public static string Canonical<T>(ComponentCatalog<T> catalog, string text)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!ComponentSpec.TryParse(trimmed, out var spec, out _) || catalog.Contains(spec.Name))
        {
            return trimmed;
        }

        return Find(catalog.Names, spec.Name) is { } name
            ? new ComponentSpec(name, spec.Options).ToString()
            : trimmed.ToLowerInvariant();
    }

    internal static string Simplify(string text) =>
        new([.. text.Trim().ToLowerInvariant().Where(c => c is not '_' and not '-')]);

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
