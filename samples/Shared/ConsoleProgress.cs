using LotteryTickets.Experiments;

/// <summary>Prints one line per run, rewritten as the run advances.</summary>
internal sealed class ConsoleProgress : IProgress<ExperimentProgress>
{
    private (int Trial, int Level, string Branch)? finished;

    public void Report(ExperimentProgress value)
    {
        if (finished == (value.Trial, value.Level, value.Branch))
        {
            return;
        }

        var width = 30;
        var filled = (int)Math.Round(value.RunFraction * width);
        Console.Write(
            $"\rtrial {value.Trial + 1}/{value.Trials}  level {value.Level}/{value.Levels}  {value.Branch,-14} [{new string('#', filled)}{new string('.', width - filled)}] {value.Iteration,5}/{value.TotalIterations}");
        if (value.Iteration == value.TotalIterations)
        {
            finished = (value.Trial, value.Level, value.Branch);
            Console.WriteLine();
        }
    }
}
