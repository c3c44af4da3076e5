using System.Diagnostics;
using LotteryTickets.Experiments;

/// <summary>Runs a plan with Ctrl+C as a safe stop, then prints its table and the report files.</summary>
internal static class SampleRunner
{
    /// <summary>
    /// Opts the sample's process into the native settings its environment asks for (glibc malloc's thresholds unless
    /// <c>LOTTERYTICKETS_MALLOC_TUNING=0</c>; a oneDNN cap or thread count only when asked), before any tensor work.
    /// </summary>
    public static void ConfigureProcess() =>
        LotteryTickets.Native.Engine.ConfigureProcess(LotteryTickets.Native.ProcessSettings.FromEnvironment());

    /// <summary>Runs <paramref name="plan"/>; returns its result, or <see langword="null"/> when stopped by Ctrl+C.</summary>
    public static ExperimentResult? Run(ExperimentPlan plan)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += stop;
        Console.WriteLine($"Experiment {plan} — store: {plan.Folder}");
        Console.WriteLine("Ctrl+C stops between steps; running again resumes where it stopped.");
        var clock = Stopwatch.StartNew();
        try
        {
            var result = plan.Run(cancellation.Token);
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

            return result;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine();
            Console.WriteLine($"Stopped after {clock.Elapsed.TotalSeconds:F0} s; run again to resume from '{plan.Folder}'.");
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or System.Runtime.InteropServices.ExternalException)
        {
            Console.WriteLine();
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine($"The finished runs are kept in '{plan.Folder}'; running again resumes there.");
            return null;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }
}
