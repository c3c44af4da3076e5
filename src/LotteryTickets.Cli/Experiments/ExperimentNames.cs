using LotteryTickets.Models;
using LotteryTickets.Tickets;

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

    /// <summary>
    /// The transforms of a branch value, in order: one transform, or a list (read as transforms joined by commas). Only
    /// commas outside parentheses separate transforms, so <c>smart_ratio(linearKeepRatio=0.05, residual=true)</c> is one.
    /// </summary>
    /// <param name="value">The branch's value in the file.</param>
    /// <returns>The transforms as written (<c>name</c> or <c>name(key=value, ...)</c>), trimmed; an empty value gives one empty name, which no transform has.</returns>
    public static IReadOnlyList<string> TransformChain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    parts.Add(value[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parts.Add(value[start..].Trim());
        return parts;
    }

    /// <summary>The optimizers.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["sgd", "adam", "adamw"];

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

    internal static string Simplify(string text) =>
        new([.. text.Trim().ToLowerInvariant().Where(c => c is not '_' and not '-')]);

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
