using System.CommandLine;
using System.Globalization;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;
using Spectre.Console;

namespace LotteryTickets.Cli.Commands;

/// <summary>
/// <c>lottery run &lt;experiment.json|yaml&gt; [--store folder] [--device cpu|cuda]</c>: loads and validates the
/// experiment file, then hands it to the registered <see cref="IExperimentLauncher"/> with a progress display.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<IExperimentLauncher?> launcher, Func<bool> interactive, Func<CancellationToken> cancellation)
    {
        var file = new Argument<string>("experiment-file") { Description = "The experiment, as a .json or .yaml / .yml file (see docs/cli.md)." };
        var store = OptionParsers.Path("--store", "The store folder; overrides the file's 'store'.", required: false, helpName: "folder");
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N; overrides the file's 'device'.", HelpName = "cpu|cuda" };
        var command = new Command("run", "Run (or resume) an experiment described by a JSON or YAML file.") { file, store, device };
        command.SetAction(parse =>
        {
            var deviceText = parse.GetValue(device);
            if (deviceText is not null && !ExperimentFileValidator.IsDevice(deviceText))
            {
                throw new CliUsageException($"The device '{deviceText}' given to '--device' is not a device; give 'cpu', 'cuda' or 'cuda:N'.");
            }

            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new CliFailureException($"The experiment file '{path}' does not exist; check the path.");
            }

            ExperimentFile experiment;
            try
            {
                experiment = ExperimentFileLoader.Load(path);
            }
            catch (ExperimentFileException e)
            {
                throw new CliFailureException(e.Message, e);
            }

            var storeOption = parse.GetValue(store);
            experiment.Store = storeOption ?? experiment.Store;
            experiment.Device = deviceText ?? experiment.Device;
            PathChecks.OutputFolder(experiment.Store, "store folder", storeOption is null ? "the experiment file's 'store' (or '--store')" : "'--store'");
            stderr.WriteLine(Describe(experiment, path));

            var chosen = launcher()
                ?? throw new CliFailureException(
                    $"The experiment file '{path}' is valid, but no experiment launcher is registered, so nothing was run; set 'CliApp.Launcher' (the 'lottery' program sets it to 'ExperimentLauncher').");

            IProgressDisplay display = interactive()
                ? new SpectreProgressDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Interactive = InteractionSupport.Yes }))
                : new PlainProgressDisplay(stderr);
            return display.Run(progress =>
                chosen.Launch(experiment, new RunContext(path, Path.GetFullPath(experiment.Store), progress, stdout, stderr, cancellation())));
        });
        return command;
    }

    private static string Describe(ExperimentFile e, string path)
    {
        var schedule = e.Pruning switch
        {
            { Iterative: { } it } => string.Create(CultureInfo.InvariantCulture, $"{it.Levels} levels at rate {it.Rate} (output {it.EffectiveOutputRate()})"),
            { Gradual: { } g } => string.Create(CultureInfo.InvariantCulture, $"gradual {g.Curve} to sparsity {g.Sparsity} from {g.EffectiveStart()} to {g.End} of each run"),
            _ => string.Create(CultureInfo.InvariantCulture, $"one shot to sparsity {e.Pruning.OneShot?.Sparsity}"),
        };
        var branches = e.Branches.Count == 0 ? "no control branches" : "branches " + string.Join(", ", e.Branches.Select(b => $"{b.Key} ({b.Value})"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Experiment '{e.Name}' from '{path}': {e.Model.Name} on {e.Dataset.Name}, {e.Training.Duration} per run, {e.Pruning.Criterion} {e.Pruning.Scope}, {schedule}, rewind {e.Rewind}, {branches}, {e.Trials} trial(s), seed {e.Seed}, device {e.Device}, store '{Path.GetFullPath(e.Store)}'.");
    }
}
