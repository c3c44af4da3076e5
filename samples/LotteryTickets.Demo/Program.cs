// Iterative magnitude pruning (Frankle & Carbin) on Fashion-MNIST with LeNet-300-100, rewinding to
// initialization, with a random-reinitialization control. Sized to finish in about five minutes on two cores.
//   dotnet run --project samples/LotteryTickets.Demo [store-folder]
using System.Diagnostics;
using LotteryTickets.Datasets;
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Training;

var store = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "lottery-demo");
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var plan = LotteryExperiment.Create("lenet-fashion-imp")
    .WithModel("lenet300_100")
    .WithData("fashion-mnist")
    .WithTraining(o =>
    {
        o.Duration = TrainingDuration.Iterations(2500);
        o.BatchSize = 60;
        o.Optimizer = OptimizerKind.Adam;
        o.LearningRate = 1.2e-3;
        o.EvaluationInterval = TrainingDuration.Iterations(250);
    })
    .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 7, Rate = 0.2, OutputRate = 0.1 }))
    .WithRewind(RewindPolicies.ToInitialization)
    .WithControl("random_reinit")
    .WithProgress(new ConsoleProgress())
    .StoreIn(store)
    .Build();

Console.WriteLine($"Experiment {plan} — store: {plan.Folder}");
Console.WriteLine("Ctrl+C stops between steps; running again resumes where it stopped.");
var clock = Stopwatch.StartNew();
ExperimentResult result;
try
{
    result = plan.Run(cancellation.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine();
    Console.WriteLine($"Stopped after {clock.Elapsed.TotalSeconds:F0} s; run again to resume from '{plan.Folder}'.");
    return 1;
}

Console.WriteLine();
Console.WriteLine($"Finished in {clock.Elapsed.TotalSeconds:F0} s.");
Console.WriteLine();
Console.WriteLine(result.ToMarkdownTable());
Console.WriteLine($"Store:  {result.Folder}");
Console.WriteLine("Tables and plots:");
foreach (var file in result.ReportFiles)
{
    Console.WriteLine("  " + file);
}

return 0;

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
