using System.CommandLine;
using LotteryTickets.Analysis.Instability;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Commands;

/// <summary>
/// <c>lottery report &lt;store-folder&gt; [--out folder]</c>: collects the finished runs of every experiment in a store,
/// prints each experiment's aggregated Markdown table to stdout and writes the CSV, Markdown and SVG files.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The folder, inside an experiment folder, that receives its report when '--out' is not given.</summary>
    public const string DefaultReportFolderName = "report";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = new Argument<string>("store-folder")
        {
            Description = "A store root (holding <name>-<hash> experiment folders) or one experiment folder.",
        };
        var output = OptionParsers.Path(
            "--out",
            $"Where to write the files. Default: '{DefaultReportFolderName}' inside each experiment folder. With several experiments, one subfolder per experiment.",
            required: false,
            helpName: "folder");
        var command = new Command("report", "Print the results table of a store and write its CSV, Markdown and SVG files.") { store, output };
        command.SetAction(parse => Report(parse.GetValue(store)!, parse.GetValue(output), stdout, stderr));
        return command;
    }

    private static int Report(string storeFolder, string? outputFolder, TextWriter stdout, TextWriter stderr)
    {
        PathChecks.StoreFolder(storeFolder);

        var experiments = new ResultsCollector().CollectStore(storeFolder).Where(e => e.Runs.Count > 0).ToList();
        if (experiments.Count == 0)
        {
            throw new CliFailureException(
                $"The store folder '{Path.GetFullPath(storeFolder)}' holds no finished runs (folders trial_<t>/level_<l>/<branch>/ with a 'done' marker); run an experiment first, or point at the store it wrote.");
        }

        // Every output folder is checked before anything is printed or written.
        const string where = "'--out'";
        var folders = experiments.Select(experiment => outputFolder is null
            ? Path.Combine(experiment.Folder, DefaultReportFolderName)
            : experiments.Count == 1 ? outputFolder : Path.Combine(outputFolder, Path.GetFileName(experiment.Folder))).ToList();
        if (outputFolder is not null && experiments.Count > 1)
        {
            PathChecks.OutputFolder(outputFolder, "report folder", where);
        }

        foreach (var folder in folders)
        {
            PathChecks.OutputFolder(folder, "report folder", where);
        }

        var first = true;
        foreach (var (experiment, folder) in experiments.Zip(folders))
        {
            if (!first)
            {
                stdout.WriteLine();
            }

            first = false;
            stdout.WriteLine(experiment.Hash.Length == 0 ? $"## {experiment.Name}" : $"## {experiment.Name} ({experiment.Hash})");
            stdout.WriteLine();
            stdout.Write(ResultsTable.ToMarkdown(ResultsAggregator.Aggregate(experiment.Runs)));
            var instability = new InstabilityCollector().Collect(experiment.Folder);
            if (instability.Count > 0)
            {
                stdout.WriteLine();
                stdout.WriteLine("### Instability");
                stdout.WriteLine();
                stdout.Write(InstabilityTable.ToMarkdown(InstabilityRow.Aggregate(instability)));
            }

            IReadOnlyList<string> written;
            try
            {
                written = ReportWriter.Write(folder, experiment.Runs);
                if (instability.Count > 0)
                {
                    written = [.. written, .. InstabilityReportWriter.Write(folder, instability)];
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw PathChecks.WriteFailed(folder, "report folder", where, e);
            }

            stderr.WriteLine($"Wrote {written.Count} files for '{experiment.Name}' to '{Path.GetFullPath(folder)}'.");
        }

        return ExitCodes.Success;
    }
}
