using System.Globalization;
using LotteryTickets.Initialization;

namespace LotteryTickets.Cli.Experiments;

/// <summary>An option a built-in ticket transform takes in an experiment file: its name, the kind of value and how to read it.</summary>
/// <param name="Name">The option's name as the documentation writes it, e.g. <c>samplesPerClass</c>.</param>
/// <param name="Kind">The kind of value, as a phrase, e.g. "a whole number".</param>
/// <param name="Hint">What to give instead of a wrong value, e.g. "e.g. 10".</param>
/// <param name="Read">Reads a value as written; <see langword="null"/> when it is not of the kind.</param>
internal sealed record TransformOption(string Name, string Kind, string Hint, Func<string, object?> Read)
{
    /// <summary>The data variants by the names an experiment file uses.</summary>
    public static IReadOnlyList<KeyValuePair<string, ScoringDataVariant>> DataVariants { get; } =
    [
        new("original", ScoringDataVariant.Original),
        new("random_labels", ScoringDataVariant.RandomLabels),
        new("shuffled_pixels", ScoringDataVariant.ShuffledPixels),
    ];

    /// <summary><c>samplesPerClass</c> of <c>snip</c> and <c>grasp</c>.</summary>
    public static TransformOption SamplesPerClass { get; } = Integer("samplesPerClass", ClassBalancedBatch.DefaultSamplesPerClass);

    /// <summary><c>dataVariant</c> of <c>snip</c> and <c>grasp</c>.</summary>
    public static TransformOption DataVariant { get; } = new(
        "dataVariant",
        "a data variant",
        $"one of {ExperimentNames.Quote(DataVariants.Select(v => v.Key))}",
        text => ExperimentNames.Find(DataVariants.Select(v => v.Key), text) is { } name ? DataVariants.First(v => v.Key == name).Value : null);

    /// <summary><c>temperature</c> of <c>grasp</c>.</summary>
    public static TransformOption Temperature { get; } = Number("temperature", GraspScores.DefaultTemperature);

    /// <summary><c>rounds</c> of <c>synflow</c>.</summary>
    public static TransformOption Rounds { get; } = Integer("rounds", SynFlowScores.DefaultRounds);

    /// <summary><c>linearKeepRatio</c> of <c>smart_ratio</c> and <c>hybrid</c>.</summary>
    public static TransformOption LinearKeepRatio { get; } = Number("linearKeepRatio", SmartRatioOptions.DefaultLinearKeepRatio);

    /// <summary><c>residual</c> of <c>smart_ratio</c> and <c>hybrid</c>.</summary>
    public static TransformOption Residual { get; } = new(
        "residual", "true or false", "true or false", text => bool.TryParse(text, out var value) ? value : null);

    private static TransformOption Integer(string name, int example) => new(
        name,
        "a whole number",
        string.Create(CultureInfo.InvariantCulture, $"e.g. {example}"),
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null);

    private static TransformOption Number(string name, double example) => new(
        name,
        "a number",
        string.Create(CultureInfo.InvariantCulture, $"e.g. {example}"),
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null);
}
