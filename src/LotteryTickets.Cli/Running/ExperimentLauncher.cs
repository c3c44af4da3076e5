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
/// With a shard (<see cref="RunContext.Shard"/>) it trains the shard's share; when that is done before the other
/// shards' runs, it says how many remain and that <c>lottery report</c> writes the tables once all have finished.
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
        var runsTotal = RunKeys(probe).Count();
        var runsDone = CountDone(probe);
        var plan = Build(file, context, new RunProgressAdapter(context.Progress, runsTotal, runsDone));
        context.Error.WriteLine(Invariant(
            $"Store: '{plan.Folder}' ({runsDone} of {runsTotal} runs already done{(runsDone > 0 ? "; resuming" : string.Empty)})."));
        foreach (var damaged in RunKeys(plan).Select(key => plan.Layout.Run(key)).Where(run => run.HasDoneMarker && run.Damage.Count > 0))
        {
            context.Error.WriteLine(
                $"The run ({damaged.Key}) is marked done but its files do not match its manifest ({string.Join("; ", damaged.Damage)}); it is trained again from the start (training is deterministic, so it gives the same files).");
        }

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

        if (!result.IsComplete)
        {
            context.Error.WriteLine(ShareFinished(plan, Math.Max(0, runsTotal - CountDone(plan))));
            return ExitCodes.Success;
        }

        context.Output.Write(result.ToMarkdownTable());
        var plannedTrials = result.Runs.Select(r => r.Key.Trial).Distinct().Count();
        if (result.FinishedTrialsInFolder > plannedTrials)
        {
            context.Error.WriteLine(Invariant(
                $"The table above shows {plannedTrials} of the {result.FinishedTrialsInFolder} finished trials in the folder (the file asks for {plan.Trials}; trials are not part of the hash); the folder's results.md, CSV files and plots show all {result.FinishedTrialsInFolder}."));
        }

        context.Error.WriteLine($"Results of '{plan.Name}' are in '{plan.Folder}'.");
        if (result.ReportFiles.Count > 0)
        {
            context.Error.WriteLine("Tables and plots: " + string.Join(", ", result.ReportFiles.Select(f => $"'{f}'")) + ".");
        }

        return ExitCodes.Success;
    }

    private static ExperimentPlan Build(ExperimentFile file, RunContext context, IProgress<Core.ExperimentProgress>? progress)
    {
        var builder = ExperimentFileMapper.ToBuilder(file, context.StoreFolder, context.Parts).WithShard(context.Shard).WithLogger(new NoteLogger(context.Error));
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
                + string.Join(Environment.NewLine, e.Problems.Select(problem => "- " + BuilderErrorPaths.Describe(problem, file))),
                e);
        }
    }

    /// <summary>What a process that finished its share while other runs are unfinished prints instead of the table.</summary>
    private static string ShareFinished(ExperimentPlan plan, int remaining)
    {
        var who = plan.Shard is { } shard ? $"Shard {shard}" : "This process";
        return remaining > 0
            ? Invariant($"{who} finished its share; {remaining} {(remaining == 1 ? "run" : "runs")} of other shards {(remaining == 1 ? "remains" : "remain")}; `lottery report '{plan.Folder}'` when all have finished.")
            : $"{who} finished its share, and every run of the experiment is now done; `lottery report '{plan.Folder}'` writes the tables and plots.";
    }

    /// <summary>The runs finished in the store.</summary>
    private static int CountDone(ExperimentPlan plan) => RunKeys(plan).Count(key => plan.Layout.Run(key).IsDone);

    /// <summary>
    /// Every run of the plan: per trial the dense run and, at each pruned level, <c>main</c> and each branch; for a
    /// gradual plan, <c>main</c>, the reset ticket (<see cref="ExperimentPlan.TicketBranch"/>, with
    /// <see cref="LotteryTickets.Pruning.IGradualPruneSchedule.ResetAtEnd"/>) and each branch, all at level 0.
    /// </summary>
    internal static IEnumerable<RunKey> RunKeys(ExperimentPlan plan)
    {
        for (var trial = 0; trial < plan.Trials; trial++)
        {
            yield return new RunKey(trial, 0, RunKey.MainBranch);
            if (plan.GradualSchedule is { } gradual)
            {
                if (gradual.ResetAtEnd)
                {
                    yield return new RunKey(trial, 0, ExperimentPlan.TicketBranch);
                }

                foreach (var branch in plan.Branches)
                {
                    yield return new RunKey(trial, 0, branch.Name);
                }

                continue;
            }

            for (var level = 1; level <= plan.Levels; level++)
            {
                yield return new RunKey(trial, level, RunKey.MainBranch);
                foreach (var branch in plan.Branches)
                {
                    yield return new RunKey(trial, level, branch.Name);
                }
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
