using LotteryTickets.Cli.Running;

namespace LotteryTickets.Cli.Tests.Support;

/// <summary>Runs the tool in-process on string writers.</summary>
internal static class Lottery
{
    public static CliResult Run(params string[] args) => Run(null, args);

    public static CliResult Run(IExperimentLauncher? launcher, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = new CliApp(stdout, stderr) { Launcher = launcher }.Run(args);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
