using LotteryTickets.Training;
using Microsoft.Extensions.Logging;

namespace LotteryTickets.Tests.Training;

public class BuiltInCallbackTests
{
    [Test]
    public void TheLoggingCallbackLogsTheStartEveryEvaluationAndTheEnd()
    {
        var logger = new ListLogger();
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Iterations(10);
        using var trainer = TinyTask.CreateTrainer(model, options, new LoggingCallback(logger));
        trainer.Run();

        var information = logger.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).ToList();
        Assert.That(information, Has.Count.EqualTo(5));
        Assert.That(information[0], Is.EqualTo("Training from iteration 0 to 10 (10 batches per epoch)."));
        Assert.That(information[1], Does.StartWith("Iteration 0: train loss n/a, validation loss "));
        Assert.That(information[2], Does.StartWith("Iteration 5: train loss "));
        Assert.That(information[^1], Is.EqualTo("Training finished at iteration 10."));
        Assert.That(logger.Entries.Count(e => e.Level == LogLevel.Debug), Is.EqualTo(10), "one debug line per step");
    }

    [Test]
    public void TheLoggingCallbackWarnsWhenARunStops()
    {
        var logger = new ListLogger();
        using var model = new TinyMlp(1);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        using var trainer = TinyTask.CreateTrainer(model, null, new LoggingCallback(logger));
        var result = trainer.Run(cancellation.Token);

        Assert.That(result.Iterations, Is.EqualTo(0));
        Assert.That(result.Evaluations, Is.Empty, "a run cancelled before it starts neither steps nor evaluates");
        Assert.That(logger.Entries[^1], Is.EqualTo((LogLevel.Warning, "Training stopped at iteration 0 of 30: Training was cancelled.")));
    }

    [Test]
    public void TheProgressCallbackReportsAtItsIntervalAndAtTheEnd()
    {
        var reports = new ListProgress();
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.EvaluationInterval = null;
        options.EvaluateAtStart = false;
        using var trainer = TinyTask.CreateTrainer(model, options, new ProgressCallback(reports, reportEvery: 10));
        trainer.Run();

        Assert.That(reports.Items.Select(p => p.Iteration), Is.EqualTo(new long[] { 0, 10, 20, 30, 30, 30 }), "start, every 10, the final evaluation, the last step, the end");
        Assert.That(reports.Items[1].Epoch, Is.EqualTo(1));
        Assert.That(reports.Items[^1].Fraction, Is.EqualTo(1.0));
        Assert.That(reports.Items[^1].LatestEvaluation!.Iteration, Is.EqualTo(30));
        Assert.That(reports.Items[1].LatestEvaluation, Is.Null);
    }

    [Test]
    public void TheCheckpointCallbackSavesAtEpochPointsAndWhenStopped()
    {
        using var folder = new TemporaryFolder();
        var checkpoints = new CheckpointCallback(folder.Path, [TrainingDuration.Epochs(0), TrainingDuration.Epochs(1)]) { SaveOnStop = true };
        var stopper = new RecordingCallback { AtIterationEnd = s => { if (s.Iteration == 17) s.RequestStop("Stopped by the test."); } };
        using var model = new TinyMlp(1);
        using var trainer = TinyTask.CreateTrainer(model, null, checkpoints, stopper);
        trainer.Run();

        Assert.That(checkpoints.SavedFolders, Is.EqualTo(new[] { 0L, 10, 17 }.Select(i => CheckpointCallback.FolderFor(folder.Path, i))));
        using var atStop = TrainingCheckpoint.Load(CheckpointCallback.FolderFor(folder.Path, 17));
        Assert.That(atStop.Iteration, Is.EqualTo(17));
        Assert.That(atStop.LoaderPosition, Is.EqualTo(new Datasets.Loading.LoaderPosition(1, 7)));
        Assert.That(atStop.SchedulerPosition, Is.EqualTo(17));
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    private sealed class ListProgress : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Items { get; } = [];

        public void Report(TrainingProgress value) => Items.Add(value);
    }
}
