namespace LotteryTickets.Cli;

/// <summary>A well-formed command that cannot be carried out; the tool prints the message and exits with <see cref="ExitCodes.Failure"/>.</summary>
internal sealed class CliFailureException : Exception
{
    public CliFailureException(string message)
        : base(message)
    {
    }

    public CliFailureException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
