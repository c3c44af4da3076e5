using System.CommandLine;
using System.Globalization;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;
using LotteryTickets.Experiments;
using Spectre.Console;

namespace LotteryTickets.Cli.Commands;

/// <summary>
/// <c>lottery run &lt;experiment.json|yaml&gt; [--store folder] [--device cpu|cuda] [--shard i/n] [--shard-count n] [--parts MyParts.dll]</c>:
/// loads the <c>--parts</c> assemblies into a registry of parts (<see cref="PartsOption.Load"/>), loads and validates the experiment file, then hands it to the registered <see cref="IExperimentLauncher"/> with a
/// progress display. Without <c>--shard</c> the shard comes from a scheduler's environment (<see cref="Shard.FromEnvironment"/>).
/// </summary>
internal static class RunCommand
{
    public static Command Create(
        TextWriter stdout,
        TextWriter stderr,
        Func<IExperimentLauncher?> launcher,
        Func<bool> interactive,
        Func<CancellationToken> cancellation,
        Func<string, string?>? environment = null)
    {
        var variables = environment ?? Environment.GetEnvironmentVariable;
        var file = new Argument<string>("experiment-file") { Description = "The experiment, as a .json or .yaml / .yml file (see docs/cli.md)." };
        var store = OptionParsers.Path("--store", "The store folder; overrides the file's 'store'.", required: false, helpName: "folder");
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N; overrides the file's 'device'.", HelpName = "cpu|cuda" };
        var shard = new Option<string>("--shard")
        {
            Description = $"Run only this process's share i of n shards (0 <= i < n, e.g. 0/3) on a store shared with the other shards; by default from {Shard.SlurmTaskId}/{Shard.SlurmTaskCount} or {Shard.KubernetesIndex}.",
            HelpName = "i/n",
        };
        var shardCount = new Option<string>("--shard-count")
        {
            Description = $"The number of shards for {Shard.KubernetesIndex} (a Kubernetes Indexed Job's completions); or set {Shard.ShardCountVariable}.",
            HelpName = "n",
        };
        var partsOption = PartsOption.Create("the experiment file");
        var command = new Command("run", "Run (or resume) an experiment described by a JSON or YAML file.") { file, store, device, shard, shardCount, partsOption };
        command.SetAction(parse =>
        {
            var deviceText = parse.GetValue(device);
            if (deviceText is not null && !ExperimentFileValidator.IsDevice(deviceText))
            {
                throw new CliUsageException($"The device '{deviceText}' given to '--device' is not a device; give 'cpu', 'cuda' or 'cuda:N'.");
            }

            var (chosenShard, shardSource) = ResolveShard(parse.GetValue(shard), parse.GetValue(shardCount), variables);

            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (Directory.Exists(path))
            {
                throw new CliFailureException(
                    $"'{path}' is a folder, not an experiment file; give the experiment's .json or .yaml file (to look at a store folder, use 'lottery status' or 'lottery report').");
            }

            if (!File.Exists(path))
            {
                throw new CliFailureException($"The experiment file '{path}' does not exist; check the path.");
            }

            var parts = PartsOption.Load(parse.GetValue(partsOption) ?? [], stderr);
            ExperimentFile experiment;
            try
            {
                experiment = ExperimentFileLoader.Load(path, parts);
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
            if (chosenShard is { } running)
            {
                stderr.WriteLine($"Shard {running} (from {shardSource}): this process trains its share of the runs; the other shards train the rest in the same store.");
            }

            var chosen = launcher()
                ?? throw new CliFailureException(
                    $"The experiment file '{path}' is valid, but no experiment launcher is registered, so nothing was run; set 'CliApp.Launcher' (the 'lottery' program sets it to 'ExperimentLauncher').");

            IProgressDisplay display = interactive()
                ? new SpectreProgressDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Interactive = InteractionSupport.Yes }))
                : new PlainProgressDisplay(stderr);
            return display.Run(progress =>
                chosen.Launch(experiment, new RunContext(path, Path.GetFullPath(experiment.Store), progress, stdout, stderr, cancellation()) { Shard = chosenShard, Parts = parts }));
        });
        return command;
    }

    /// <summary>
    /// The shard this process runs and where it came from: <c>--shard</c>, or else the scheduler's environment
    /// (<see cref="Shard.FromEnvironment"/>, with <c>--shard-count</c> as the count of an Indexed Job); none when neither.
    /// </summary>
    /// <param name="shardText">The value of <c>--shard</c>, or <see langword="null"/>.</param>
    /// <param name="countText">The value of <c>--shard-count</c>, or <see langword="null"/>.</param>
    /// <param name="variable">Reads an environment variable.</param>
    /// <returns>The shard (or <see langword="null"/>) and a description of its source.</returns>
    /// <exception cref="CliUsageException">A value or a variable is not a shard; the message names it.</exception>
    internal static (Shard? Shard, string Source) ResolveShard(string? shardText, string? countText, Func<string, string?> variable)
    {
        int? count = null;
        if (countText is not null)
        {
            count = int.TryParse(countText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw new CliUsageException($"The value '{countText}' of '--shard-count' is not a whole number of at least 1; give the number of shards (an Indexed Job's 'completions'), e.g. '--shard-count 4'.");
        }

        if (shardText is not null)
        {
            if (count is not null)
            {
                throw new CliUsageException("'--shard-count' gives the number of shards for a Kubernetes Indexed Job's index; with '--shard i/n' the count is n. Give only one of them.");
            }

            try
            {
                return (Shard.Parse(shardText), "--shard");
            }
            catch (FormatException e)
            {
                throw new CliUsageException($"'--shard': {e.Message}");
            }
        }

        Shard? shard;
        try
        {
            shard = Shard.FromEnvironment(variable, count);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message + $" On the command line, '--shard i/n' gives the shard and '--shard-count n' the count for '{Shard.KubernetesIndex}'.");
        }

        if (variable(Shard.SlurmTaskId) is { Length: > 0 } slurmId)
        {
            var min = variable(Shard.SlurmTaskMin) is { Length: > 0 } m ? $", {Shard.SlurmTaskMin}={m}" : string.Empty;
            return (shard, $"{Shard.SlurmTaskId}={slurmId}{min}, {Shard.SlurmTaskCount}={variable(Shard.SlurmTaskCount)}");
        }

        if (shard is { } indexed)
        {
            var countSource = count is not null ? "--shard-count" : Shard.ShardCountVariable;
            return (shard, string.Create(CultureInfo.InvariantCulture, $"{Shard.KubernetesIndex}={indexed.Index}, {indexed.Count} shards from {countSource}"));
        }

        if (count is not null)
        {
            throw new CliUsageException($"'--shard-count' gives the number of shards for '{Shard.KubernetesIndex}', which is not set; run the command in a Kubernetes Indexed Job, or give the shard with '--shard i/n'.");
        }

        return (null, string.Empty);
    }

    private static string Describe(ExperimentFile e, string path)
    {
        var schedule = e.Pruning switch
        {
            { Iterative: { } it } => string.Create(CultureInfo.InvariantCulture, $"{it.Levels} levels at rate {it.Rate} (output {it.EffectiveOutputRate()})"),
            { Schedule: { } named } => named,
            { Gradual: { } g } => string.Create(CultureInfo.InvariantCulture, $"gradual {g.Curve} to sparsity {g.Sparsity} from {g.EffectiveStart()} to {g.End} of each run"),
            _ => string.Create(CultureInfo.InvariantCulture, $"one shot to sparsity {e.Pruning.OneShot?.Sparsity}"),
        };
        var branches = e.Branches.Count == 0 ? "no control branches" : "branches " + string.Join(", ", e.Branches.Select(b => $"{b.Key} ({b.Value})"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Experiment '{e.Name}' from '{path}': {e.Model.Name} on {e.Dataset.Name}, {e.Training.Duration} per run, {e.Pruning.Criterion} {e.Pruning.Scope}, {schedule}, rewind {e.Rewind}, {branches}, {e.Trials} trial(s), seed {e.Seed}, device {e.Device}, store '{Path.GetFullPath(e.Store)}'.");
    }
}
