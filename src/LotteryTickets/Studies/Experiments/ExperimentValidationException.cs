namespace LotteryTickets.Experiments;

/// <summary>
/// The experiment described to a <see cref="LotteryExperiment"/> is invalid; <see cref="Errors"/> lists every problem,
/// and <see cref="Problems"/> the same problems with the option each concerns.
/// </summary>
public sealed class ExperimentValidationException : Exception
{
    /// <summary>The first line of the message.</summary>
    public const string Heading = "The 'LotteryExperiment' is invalid.";

    /// <summary>Creates the exception from every problem found, each with the option it concerns.</summary>
    /// <param name="problems">The problems.</param>
    public ExperimentValidationException(IReadOnlyList<ExperimentError> problems)
        : this((problems ?? []).Select(p => p.Message).ToList(), problems ?? [])
    {
    }

    /// <summary>Creates the exception from every problem found.</summary>
    /// <param name="errors">The problems, as sentences.</param>
    public ExperimentValidationException(IReadOnlyList<string> errors)
        : this(errors ?? [], (errors ?? []).Select(e => new ExperimentError(string.Empty, e)).ToList())
    {
    }

    /// <summary>Creates the exception with no listed problems.</summary>
    public ExperimentValidationException()
        : this(Array.Empty<string>())
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public ExperimentValidationException(string message)
        : base(message)
    {
        Errors = [message];
        Problems = [new ExperimentError(string.Empty, message)];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ExperimentValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
        Problems = [new ExperimentError(string.Empty, message)];
    }

    private ExperimentValidationException(IReadOnlyList<string> errors, IReadOnlyList<ExperimentError> problems)
        : base(Heading + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)))
    {
        Errors = errors;
        Problems = problems;
    }

    /// <summary>Every problem found, as sentences.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>
    /// Every problem found, in the order of <see cref="Errors"/>, with the option each concerns (see
    /// <see cref="ExperimentError"/>); the option is empty where the exception was made from sentences alone.
    /// </summary>
    public IReadOnlyList<ExperimentError> Problems { get; }
}
