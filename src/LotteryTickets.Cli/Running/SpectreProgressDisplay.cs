using LotteryTickets.Results;
using Spectre.Console;

namespace LotteryTickets.Cli.Running;

/// <summary>Progress as live Spectre.Console bars on an interactive terminal: one bar per run, and one for the whole experiment when the launcher counts runs.</summary>
internal sealed class SpectreProgressDisplay : IProgressDisplay
{
    private readonly IAnsiConsole console;

    public SpectreProgressDisplay(IAnsiConsole console)
    {
        this.console = console;
    }

    public int Run(Func<IProgress<ExperimentProgress>, int> body) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<RunKey, ProgressTask>();
                ProgressTask? overall = null;
                var progress = new CallbackProgress<ExperimentProgress>(p =>
                {
                    if (p.RunsTotal > 0)
                    {
                        overall ??= ctx.AddTask("[bold]experiment[/]", maxValue: p.RunsTotal);
                        overall.MaxValue = p.RunsTotal;
                        overall.Value = p.RunsCompleted;
                    }

                    if (!tasks.TryGetValue(p.Run, out var task))
                    {
                        task = ctx.AddTask(Markup.Escape(PlainProgressDisplay.Describe(p.Run)), maxValue: Math.Max(1, p.TotalIterations));
                        tasks[p.Run] = task;
                    }

                    task.MaxValue = Math.Max(1, p.TotalIterations);
                    task.Value = Math.Min(p.Iteration, p.TotalIterations);
                    if (p.Status is not null)
                    {
                        task.Description = Markup.Escape($"{PlainProgressDisplay.Describe(p.Run)} — {p.Status}");
                    }
                });
                return body(progress);
            });
}
