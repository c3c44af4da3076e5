using System.Globalization;
using System.Text;
using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// Says a problem of the <see cref="LotteryExperiment"/> builder in the experiment file's words: its option
/// (<see cref="ExperimentError.Option"/>, e.g. <c>training.LearningRate</c>, <c>branch 'reinit'</c>) becomes the file's
/// key path (<c>training.learningRate</c>, <c>branches.reinit</c>), and the builder's calls it names become keys.
/// </summary>
internal static class BuilderErrorPaths
{
    // The builder's words for what a file says with keys; the rest of a message is the builder's own.
    private static readonly (string Builder, string File)[] Words =
    [
        ("Training: ", string.Empty),
        ("Instability analysis: ", string.Empty),
        ("remove WithRewind or use a level schedule such as IterativeRates", "leave 'rewind' out, or use 'pruning.iterative' or 'pruning.oneShot'"),
        ("use a level schedule such as IterativeRates, or remove WithInstabilityAnalysis", "use 'pruning.iterative' or 'pruning.oneShot', or remove the analysis"),
        ("'RewindEpoch' and 'ResetAtEnd'", "'pruning.gradual.rewindEpoch' with 'lth' or 'resetEnd'"),
        ("'ResetAtEnd'", "'resetEnd'"),
        ("'ResetAfterEachPrune'", "'lth'"),
        ("(add a control with WithControl first)", "(add it under 'branches' first)"),
    ];

    /// <summary>The problem as the file's validator says one: <c>key.path: sentence</c>.</summary>
    /// <param name="error">The builder's problem.</param>
    /// <param name="file">The file the builder was given.</param>
    /// <returns>The problem in the file's words.</returns>
    public static string Describe(ExperimentError error, ExperimentFile file)
    {
        var message = error.Message;
        foreach (var (builder, words) in Words)
        {
            message = message.Replace(builder, words, StringComparison.Ordinal);
        }

        message = char.ToLowerInvariant(message[0]) + message[1..];
        var path = KeyPath(error.Option, file);
        if (path == "pruning.gradual.start" && file.Pruning.Gradual is { Start: null } gradual)
        {
            message += string.Create(CultureInfo.InvariantCulture, $" The start {gradual.EffectiveStart()} is the curve's preset; give 'start', or an 'end' after it.");
        }

        return path.Length > 0 ? $"{path}: {message}" : message;
    }

    /// <summary>The file's key path of the builder's option <paramref name="option"/>.</summary>
    /// <param name="option">An <see cref="ExperimentError.Option"/>.</param>
    /// <param name="file">The file.</param>
    /// <returns>The key path, e.g. <c>pruning.gradual</c> for <c>schedule</c>.</returns>
    public static string KeyPath(string option, ExperimentFile file) =>
        ExperimentError.BranchOf(option) is { } branch ? "branches." + branch : option switch
        {
            "model" => "model.name",
            "data" => "dataset",
            "criterion" => "pruning.criterion",
            "schedule" => "pruning." + ScheduleKey(file.Pruning),
            "checkpointInterval" => "training.checkpointInterval",
            "training.StepSize" => "training.milestones",
            "training.DataOrderSeed" => "training.seed",
            "training.Device" => "device",
            _ when option.StartsWith(Schedule, StringComparison.Ordinal) => SchedulePath(option[Schedule.Length..], file.Pruning),
            _ => CamelCase(option),
        };

    private const string Schedule = "schedule.";

    // A property of the schedule's options (e.g. 'StartFraction', 'LayerRates[fc1.weight]') as the file's key.
    private static string SchedulePath(string property, PruningSection pruning)
    {
        var bracket = property.IndexOf('[', StringComparison.Ordinal);
        var (name, item) = bracket < 0 ? (property, null) : (property[..bracket], property[(bracket + 1)..].TrimEnd(']'));
        var key = name switch
        {
            "IgnoredLayers" => "pruning.ignore",
            "Scope" => "pruning.scope",
            "FinalSparsity" => "sparsity",
            "StartFraction" => "start",
            "EndFraction" => "end",
            "ResetAfterEachPrune" => "lth",
            "ResetAtEnd" => "resetEnd",
            _ => CamelCase(name),
        };
        key = key.StartsWith("pruning.", StringComparison.Ordinal) ? key : $"pruning.{ScheduleKey(pruning)}.{key}";
        return item is null ? key : $"{key}.{item}";
    }

    private static string ScheduleKey(PruningSection pruning) =>
        pruning.Gradual is not null ? "gradual" : pruning.Iterative is not null ? "iterative" : pruning.OneShot is not null ? "oneShot" : "schedule";

    private static string CamelCase(string option)
    {
        var text = new StringBuilder(option.Length);
        for (var i = 0; i < option.Length; i++)
        {
            text.Append(i == 0 || option[i - 1] == '.' ? char.ToLowerInvariant(option[i]) : option[i]);
        }

        return text.ToString();
    }
}
