using System.CommandLine;
using LotteryTickets.Cli.Commands;
using LotteryTickets.Cli.Running;

namespace LotteryTickets.Cli;

/// <summary>
/// The <c>lottery</c> tool as a testable object: parses a command line, runs the command, writes to the
/// given writers and returns the exit code (<see cref="ExitCodes"/>). No exception escapes
/// <see cref="Run(string[])"/>: every error becomes a message on the error writer and a non-zero code.
/// </summary>
public sealed class CliApp
{
    private readonly TextWriter stdout;
    private readonly TextWriter stderr;

    /// <summary>Creates the tool writing to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    /// <param name="stdout">Receives the commands' results (tables, help).</param>
    /// <param name="stderr">Receives error messages and notes about files written.</param>
    public CliApp(TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /// <summary>What <c>lottery run</c> hands a validated experiment file to.</summary>
    /// <value>The default value is <see langword="null"/>: <c>lottery run</c> then fails saying that no launcher is registered (the <c>lottery</c> program registers <see cref="ExperimentLauncher"/>).</value>
    public IExperimentLauncher? Launcher { get; init; }

    /// <summary>Whether the output is an interactive terminal, so that progress is drawn as live bars rather than plain lines.</summary>
    /// <value>The default value is <see langword="false"/> (plain lines, as in tests and CI).</value>
    public bool InteractiveConsole { get; init; }

    /// <summary>Signalled when the user asks to stop (Ctrl+C); passed to the experiment launcher.</summary>
    /// <value>The default value is <see cref="CancellationToken.None"/>.</value>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Runs the tool with <paramref name="args"/> on the given writers.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="stdout">Receives the commands' results.</param>
    /// <param name="stderr">Receives error messages.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => new CliApp(stdout, stderr).Run(args);

    /// <summary>Runs the tool with <paramref name="args"/>.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            var root = BuildCommand();
            var commands = root.Subcommands.Select(c => c.Name).ToList();
            if (args.Length == 0 || (!args[0].StartsWith('-') && !commands.Contains(args[0], StringComparer.Ordinal)))
            {
                var known = string.Join(", ", commands.Select(c => $"'{c}'"));
                stderr.WriteLine(args.Length == 0
                    ? $"error: Give a command: {known}."
                    : $"error: '{args[0]}' is not a command of 'lottery'; the commands are {known}.");
                stderr.WriteLine("Run 'lottery --help' to see the usage.");
                return ExitCodes.Usage;
            }

            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
            {
                foreach (var error in parse.Errors)
                {
                    stderr.WriteLine("error: " + error.Message);
                }

                stderr.WriteLine($"Run '{HelpCommandLine(parse)}' to see the usage.");
                return ExitCodes.Usage;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    private RootCommand BuildCommand()
    {
        var root = new RootCommand("Lottery-ticket experiments, masks and reports.");
        root.Subcommands.Add(PruneCommand.Create(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Create(stdout, stderr));
        root.Subcommands.Add(RunCommand.Create(stdout, stderr, () => Launcher, () => InteractiveConsole, () => CancellationToken));
        root.Subcommands.Add(StatusCommand.Create(stdout, stderr, () => CancellationToken));
        return root;
    }

    private static string HelpCommandLine(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "lottery" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names) + " --help";
    }

    private int Report(Exception e)
    {
        var (code, message) = e switch
        {
            CliUsageException => (ExitCodes.Usage, e.Message),
            CliFailureException => (ExitCodes.Failure, e.Message),
            FileNotFoundException or DirectoryNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException
                or ArgumentException or InvalidOperationException or FormatException => (ExitCodes.Failure, e.Message),
            OperationCanceledException => (ExitCodes.Failure, "The command was cancelled."),
            _ => (ExitCodes.Failure, $"The command failed unexpectedly ({e.GetType().Name}): {e.Message}"),
        };
        stderr.WriteLine("error: " + message);
        return code;
    }
}
