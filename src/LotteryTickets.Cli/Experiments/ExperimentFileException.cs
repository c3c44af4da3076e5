namespace LotteryTickets.Cli.Experiments;

/// <summary>An experiment file that cannot be read or is invalid; <see cref="Errors"/> lists every problem.</summary>
public sealed class ExperimentFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="errors">Every problem, each starting with its key path where there is one.</param>
    public ExperimentFileException(string path, IReadOnlyList<string> errors)
        : base($"The experiment file '{path}' is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)))
    {
        Path = path;
        Errors = errors;
    }

    /// <summary>Creates the exception for a file that cannot be read at all.</summary>
    /// <param name="path">The file.</param>
    /// <param name="message">The whole message.</param>
    /// <param name="inner">The cause, if any.</param>
    public ExperimentFileException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Errors = [message];
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
