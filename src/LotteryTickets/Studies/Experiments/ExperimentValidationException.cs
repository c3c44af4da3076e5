namespace LotteryTickets.Experiments;

/// <summary>The experiment described to a <see cref="LotteryExperiment"/> is invalid; <see cref="Errors"/> lists every problem.</summary>
public sealed class ExperimentValidationException : Exception
{
    /// <summary>The first line of the message.</summary>
    public const string Heading = "The 'LotteryExperiment' is invalid.";

    /// <summary>Creates the exception from every problem found.</summary>
    /// <param name="errors">The problems, as sentences.</param>
    public ExperimentValidationException(IReadOnlyList<string> errors)
        : base(Heading + Environment.NewLine + string.Join(Environment.NewLine, (errors ?? []).Select(e => "- " + e)))
    {
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception with no listed problems.</summary>
    public ExperimentValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public ExperimentValidationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ExperimentValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Every problem found, as sentences.</summary>
    public IReadOnlyList<string> Errors { get; }
}
