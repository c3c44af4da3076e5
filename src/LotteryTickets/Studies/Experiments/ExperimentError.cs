namespace LotteryTickets.Experiments;

/// <summary>
/// One problem <see cref="LotteryExperiment.Build"/> found: the option it concerns, named in the builder's own
/// vocabulary, and the sentence that explains it and says what to do.
/// </summary>
/// <remarks>
/// <para>The options are named after the builder's calls and the options classes they configure:</para>
/// <list type="bullet">
/// <item><c>name</c>, <c>model</c>, <c>data</c>, <c>criterion</c>, <c>schedule</c>, <c>rewind</c>, <c>device</c>,
/// <c>trials</c>, <c>store</c>, <c>checkpointInterval</c>, <c>locks</c>;</item>
/// <item><c>training</c>, or <c>training.</c> and a <see cref="Training.TrainingOptions"/> property, e.g.
/// <c>training.LearningRate</c>, <c>training.Augmentation.Padding</c>;</item>
/// <item><c>branch 'reinit'</c> for a branch named <c>reinit</c> (its name or its transforms);</item>
/// <item><c>analysis.instability</c>, or <c>analysis.instability.</c> and an
/// <see cref="Analysis.Instability.InstabilityAnalysisOptions"/> property, with the index of a listed item where
/// the problem is one item, e.g. <c>analysis.instability.Points</c>, <c>analysis.instability.Levels[1]</c>.</item>
/// </list>
/// <para>A tool that reads experiments from its own format (as the <c>lottery</c> command line does from experiment
/// files) maps these options back onto its own keys.</para>
/// </remarks>
/// <param name="Option">The option the problem concerns, e.g. <c>training.LearningRate</c> or <c>branch 'reinit'</c>.</param>
/// <param name="Message">The problem, as a sentence that names the thing and says what to do.</param>
public sealed record ExperimentError(string Option, string Message)
{
    /// <summary>The option of a branch: <c>branch '&lt;name&gt;'</c>.</summary>
    /// <param name="name">The branch's name.</param>
    /// <returns>The option.</returns>
    public static string BranchOption(string name) => $"branch '{name}'";

    /// <summary>The name of the branch <paramref name="option"/> concerns, or <see langword="null"/> when it concerns no branch.</summary>
    /// <param name="option">An <see cref="Option"/>.</param>
    /// <returns>The branch's name.</returns>
    public static string? BranchOf(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        const string Start = "branch '";
        return option.StartsWith(Start, StringComparison.Ordinal) && option.EndsWith('\'') && option.Length > Start.Length
            ? option[Start.Length..^1]
            : null;
    }

    /// <summary>
    /// The option of a message that starts with a quoted property name (<c>'LearningRate' is -1; ...</c>):
    /// <paramref name="section"/>, a dot and the name; <paramref name="section"/> alone when the message starts otherwise.
    /// </summary>
    /// <param name="section">The options' section, e.g. <c>training</c>.</param>
    /// <param name="message">The message.</param>
    /// <returns>The option.</returns>
    public static string OptionOf(string section, string message)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > 2 && message[0] == '\'')
        {
            var end = message.IndexOf('\'', 1);
            if (end > 1 && !message[1..end].Contains(' ', StringComparison.Ordinal))
            {
                return section + "." + message[1..end];
            }
        }

        return section;
    }

    /// <inheritdoc />
    public override string ToString() => Message;
}
