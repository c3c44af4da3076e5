using LotteryTickets.Cli;
using LotteryTickets.Cli.Running;

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

var app = new CliApp(Console.Out, Console.Error)
{
    Launcher = new ExperimentLauncher(),
    InteractiveConsole = !Console.IsOutputRedirected,
    CancellationToken = cancellation.Token,
};
return app.Run(args);
