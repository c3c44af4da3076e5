namespace LotteryTickets.Cli;

/// <summary>The exit codes of the <c>lottery</c> tool.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command was well formed but failed: a file is missing or invalid, inputs do not match, a run failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: an unknown option or value, a value out of range, a missing or conflicting option.</summary>
    public const int Usage = 2;

    /// <summary>The user stopped the command (Ctrl+C) and it stopped at a safe point; for <c>lottery run</c>, running it again resumes.</summary>
    public const int Cancelled = 130;

    /// <summary>The process received SIGTERM (a scheduler's preemption) and stopped at a safe point, as for <see cref="Cancelled"/>: the run in progress saved its checkpoint and running the command again resumes (128 + 15).</summary>
    public const int Terminated = 143;
}
