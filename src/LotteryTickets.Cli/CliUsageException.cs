namespace LotteryTickets.Cli;

/// <summary>A mistake in the command line itself; the tool prints the message and exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }
}
