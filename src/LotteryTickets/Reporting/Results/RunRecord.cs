using System.Globalization;
using LotteryTickets.Masks;

namespace LotteryTickets.Results;

/// <summary>Everything a finished training run produced that the results layer reads: its key, sparsity and metrics.</summary>
public sealed class RunRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="key">Which run.</param>
    /// <param name="percentWeightsRemaining">The percentage of prunable weights the run trained, 0 to 100 (100, 80, 64, … for Frankle &amp; Carbin's 20% per level).</param>
    /// <param name="metrics">The run's evaluations.</param>
    /// <param name="sparsity">The per-layer sparsity report, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside [0, 100].</exception>
    public RunRecord(RunKey key, double percentWeightsRemaining, RunMetrics metrics, SparsityReport? sparsity = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (!(percentWeightsRemaining >= 0 && percentWeightsRemaining <= 100))
        {
            throw new ArgumentOutOfRangeException(
                nameof(percentWeightsRemaining),
                percentWeightsRemaining,
                string.Create(CultureInfo.InvariantCulture, $"The run {key} has {percentWeightsRemaining:R}% of weights remaining; it must be in [0, 100]."));
        }

        Key = key;
        PercentWeightsRemaining = percentWeightsRemaining;
        Metrics = metrics;
        Sparsity = sparsity;
    }

    /// <summary>Creates a record whose percentage of weights remaining is the report's global one.</summary>
    /// <param name="key">Which run.</param>
    /// <param name="metrics">The run's evaluations.</param>
    /// <param name="sparsity">The run's sparsity report.</param>
    /// <returns>The record.</returns>
    public static RunRecord FromSparsity(RunKey key, RunMetrics metrics, SparsityReport sparsity)
    {
        ArgumentNullException.ThrowIfNull(sparsity);
        return new RunRecord(key, sparsity.PercentRemaining, metrics, sparsity);
    }

    /// <summary>Which run.</summary>
    public RunKey Key { get; }

    /// <summary>The percentage of prunable weights the run trained, 0 to 100.</summary>
    public double PercentWeightsRemaining { get; }

    /// <summary>The run's evaluations.</summary>
    public RunMetrics Metrics { get; }

    /// <summary>The per-layer sparsity report, or <see langword="null"/>.</summary>
    public SparsityReport? Sparsity { get; }

    /// <summary>The run's numbers in one flat row.</summary>
    /// <returns>The summary.</returns>
    public RunSummary Summarize() => new(
        Key.Trial,
        Key.Level,
        Key.Branch,
        PercentWeightsRemaining,
        Metrics.EarlyStopIteration,
        Metrics.ValidationAccuracyAtEarlyStop,
        Metrics.TestAccuracyAtEarlyStop,
        Metrics.FinalTestAccuracy);
}
