using System.Globalization;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Experiments;
using LotteryTickets.Results;
using Core = LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Running;

/// <summary>
/// Runs (or resumes) an experiment file with the core library's <see cref="LotteryExperiment"/>: builds the plan,
/// runs it with progress, prints the results table to the output and where the store and the report files are to the
/// error writer. Ctrl+C stops at a safe point and leaves the store resumable (exit code <see cref="ExitCodes.Cancelled"/>).
/// </summary>
public sealed class ExperimentLauncher : IExperimentLauncher
{
    /// <inheritdoc />
    public int Launch(ExperimentFile file, RunContext context)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(context);

        // The plan's hash names the folder; build once without progress to find it and count the runs already done.
        var probe = Build(file, context, progress: null);
        var runsTotal = probe.Trials * (1 + (probe.Levels * (1 + probe.Branches.Count)));
        var runsDone = CountDone(probe);
        var plan = Build(file, context, new RunProgressAdapter(context.Progress, runsTotal, runsDone));
        context.Error.WriteLine(Invariant(
            $"Store: '{plan.Folder}' ({runsDone} of {runsTotal} runs already done{(runsDone > 0 ? "; resuming" : string.Empty)})."));

        ExperimentResult result;
        try
        {
            result = plan.Run(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine(
                $"The experiment '{plan.Name}' was stopped; its finished runs and the checkpoint of the run in progress are in '{plan.Folder}'. "
                + $"Run the same command again to resume it from there.");
            return ExitCodes.Cancelled;
        }

        context.Output.Write(result.ToMarkdownTable());
        context.Error.WriteLine($"Results of '{plan.Name}' are in '{plan.Folder}'.");
        if (result.ReportFiles.Count > 0)
        {
            context.Error.WriteLine("Tables and plots: " + string.Join(", ", result.ReportFiles.Select(f => $"'{f}'")) + ".");
        }

        return ExitCodes.Success;
    }

    private static ExperimentPlan Build(ExperimentFile file, RunContext context, IProgress<Core.ExperimentProgress>? progress)
    {
        var builder = ExperimentFileMapper.ToBuilder(file, context.StoreFolder);
        if (progress is not null)
        {
            builder.WithProgress(progress);
        }

        try
        {
            return builder.Build();
        }
        catch (ExperimentValidationException e)
        {
            throw new CliFailureException(
                $"The experiment file '{context.ExperimentFilePath}' cannot be run:" + Environment.NewLine
                + string.Join(Environment.NewLine, e.Errors.Select(error => "- " + error)),
                e);
        }
    }

    private static int CountDone(ExperimentPlan plan)
    {
        var done = 0;
        for (var trial = 0; trial < plan.Trials; trial++)
        {
            for (var level = 0; level <= plan.Levels; level++)
            {
                var branches = level == 0 ? [RunKey.MainBranch] : plan.Branches.Select(b => b.Name).Prepend(RunKey.MainBranch);
                done += branches.Count(b => plan.Layout.Run(trial, level, b).IsDone);
            }
        }

        return done;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
