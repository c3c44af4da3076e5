using LotteryTickets.Results;
using LotteryTickets.Masks;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.TestSupport;

/// <summary>Small, hand-made results for tests.</summary>
internal static class SampleResults
{
    /// <summary>Metrics whose validation loss is lowest at <paramref name="bestIteration"/> (one of 0, 100, …, 500).</summary>
    public static RunMetrics Metrics(int bestIteration, double testAccuracyAtBest, double finalTestAccuracy)
    {
        var evaluations = new List<EvaluationRecord>();
        for (var iteration = 0; iteration <= 500; iteration += 100)
        {
            var distance = Math.Abs(iteration - bestIteration) / 100.0;
            var test = iteration == bestIteration ? testAccuracyAtBest : iteration == 500 ? finalTestAccuracy : 0.5;
            evaluations.Add(new EvaluationRecord(iteration, 0.3, 0.1 + (0.05 * distance), 0.9 - (0.01 * distance), 0.2 + (0.05 * distance), test));
        }

        return new RunMetrics(evaluations);
    }

    public static SparsityReport Sparsity(double fractionRemaining) => new(
    [
        new LayerSparsity("fc1.weight", 1000, (long)Math.Round(1000 * fractionRemaining)),
        new LayerSparsity("fc2.weight", 1000, (long)Math.Round(1000 * fractionRemaining)),
    ]);

    public static RunRecord Record(int trial, int level, string branch, int bestIteration, double testAccuracyAtBest, double finalTestAccuracy) =>
        new(new RunKey(trial, level, branch), 100 * Math.Pow(0.8, level), Metrics(bestIteration, testAccuracyAtBest, finalTestAccuracy));
}
