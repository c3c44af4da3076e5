using LotteryTickets.Cli;
using LotteryTickets.Cli.Running;
using LotteryTickets.Engine;

// The tool opts its own process into the native settings its environment asks for (ProcessSettings.FromEnvironment):
// glibc malloc's thresholds unless LOTTERYTICKETS_MALLOC_TUNING=0, a oneDNN cap or thread count only when asked.
try
{
    Engine.ConfigureProcess(ProcessSettings.FromEnvironment());
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.Usage;
}

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
