using System.Runtime.InteropServices;
using LotteryTickets.Cli;
using LotteryTickets.Cli.Running;
using LotteryTickets.Native;

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

// SIGTERM — what Slurm, Kubernetes and systemd send before killing — is a preemption: the run in progress saves its
// checkpoint, locks are released, the resume hint is printed, and the exit code is 143 (128 + SIGTERM). A second
// SIGTERM ends the process at once.
var terminated = 0;
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (Interlocked.Exchange(ref terminated, 1) == 0)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }
});

var app = new CliApp(Console.Out, Console.Error)
{
    Launcher = new ExperimentLauncher(),
    InteractiveConsole = !Console.IsOutputRedirected,
    CancellationToken = cancellation.Token,
};
var code = app.Run(args);
if (Volatile.Read(ref terminated) == 1 && code == ExitCodes.Cancelled)
{
    Console.Error.WriteLine("Stopped by SIGTERM (a preemption); exit code 143.");
    return ExitCodes.Terminated;
}

return code;
