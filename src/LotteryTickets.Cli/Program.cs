using LotteryTickets.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the experiment to stop at a safe point; a second one ends the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

// The experiment launcher is wired here once the core library's LotteryExperiment builder is available
// (docs/cli.md, "Wiring 'run'"); until then 'lottery run' validates the file and reports that running is not
// available in this build.
var app = new CliApp(Console.Out, Console.Error)
{
    Launcher = null,
    InteractiveConsole = !Console.IsOutputRedirected,
    CancellationToken = cancellation.Token,
};
return app.Run(args);
