using System.Globalization;
using LotteryTickets.Experiments;

/// <summary>
/// Prints the progress of each run. On a terminal, one bar per run, rewritten in place (<c>\r</c>) as the run
/// advances. When the output is not a terminal (a file, a pipe, CI), plain lines with no <c>\r</c>: one when a run
/// starts, one at each tenth of its iterations it passes, and one when it ends.
/// </summary>
internal sealed class ConsoleProgress : IProgress<ExperimentProgress>
{
    private const int BarWidth = 30;
    private const int Steps = 10;

    private readonly TextWriter writer;
    private readonly bool interactive;
    private readonly Lock gate = new();
    private (int Trial, int Level, string Branch)? current;
    private int lastStep;
    private bool currentFinished;

    /// <summary>Writes to the console: bars on a terminal, lines when the output is redirected.</summary>
    public ConsoleProgress()
        : this(Console.Out, !Console.IsOutputRedirected)
    {
    }

    /// <summary>Writes to <paramref name="writer"/>: bars when <paramref name="interactive"/>, lines otherwise.</summary>
    public ConsoleProgress(TextWriter writer, bool interactive)
    {
        this.writer = writer;
        this.interactive = interactive;
    }

    public void Report(ExperimentProgress value)
    {
        lock (gate)
        {
            var run = (value.Trial, value.Level, value.Branch);
            var isNew = current != run;
            if (!isNew && currentFinished)
            {
                return;
            }

            if (isNew)
            {
                if (interactive && current is not null && !currentFinished)
                {
                    writer.WriteLine(); // the previous run's bar stopped short; keep it and start a new line
                }

                current = run;
                currentFinished = false;
                lastStep = 0;
            }

            var done = value.Iteration >= value.TotalIterations;
            if (interactive)
            {
                WriteBar(value);
                if (done)
                {
                    writer.WriteLine();
                }
            }
            else
            {
                var step = (int)Math.Floor(value.RunFraction * Steps);
                if (isNew || done || step > lastStep)
                {
                    lastStep = step;
                    var state = done ? "done" : isNew ? "started" : string.Create(CultureInfo.InvariantCulture, $"{step * 100 / Steps}%");
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Describe(value, 0)}  {value.Iteration}/{value.TotalIterations} it ({state})"));
                }
            }

            currentFinished = done;
        }
    }

    private static string Describe(ExperimentProgress value, int branchWidth) =>
        string.Create(CultureInfo.InvariantCulture, $"trial {value.Trial + 1}/{value.Trials}  level {value.Level}/{value.Levels}  {value.Branch.PadRight(branchWidth)}");

    private void WriteBar(ExperimentProgress value)
    {
        var filled = (int)Math.Round(value.RunFraction * BarWidth);
        writer.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"\r{Describe(value, 14)} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {value.Iteration,5}/{value.TotalIterations}"));
    }
}
