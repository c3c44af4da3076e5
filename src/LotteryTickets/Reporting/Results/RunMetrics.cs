using System.Globalization;
using LotteryTickets.Training;

namespace LotteryTickets.Results;

/// <summary>
/// The evaluations of one training run, in iteration order, and what is derived from them: the early-stop
/// iteration (Frankle &amp; Carbin's criterion, the iteration of minimum validation loss) and the accuracies there
/// and at the end of training.
/// </summary>
/// <remarks>
/// Ties in validation loss go to the earliest evaluation. Losses that are <see cref="double.NaN"/> (a diverged run)
/// are never a minimum; if every validation loss is NaN, the early stop is the first evaluation.
/// </remarks>
public sealed class RunMetrics
{
    private readonly EvaluationRecord[] evaluations;

    /// <summary>Creates the metrics of one run.</summary>
    /// <param name="evaluations">At least one evaluation, with strictly increasing iterations.</param>
    /// <exception cref="ArgumentException">There are no evaluations, an iteration is negative, iterations do not increase, or an accuracy is outside [0, 1].</exception>
    public RunMetrics(IEnumerable<EvaluationRecord> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        this.evaluations = evaluations.ToArray();
        Validate(this.evaluations);

        var best = 0;
        for (var i = 1; i < this.evaluations.Length; i++)
        {
            var loss = this.evaluations[i].ValidationLoss;
            var bestLoss = this.evaluations[best].ValidationLoss;
            if (!double.IsNaN(loss) && (double.IsNaN(bestLoss) || loss < bestLoss))
            {
                best = i;
            }
        }

        EarlyStop = this.evaluations[best];
    }

    /// <summary>The evaluations in iteration order.</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations => evaluations;

    /// <summary>The evaluation with the minimum validation loss (the first one on ties).</summary>
    public EvaluationRecord EarlyStop { get; }

    /// <summary>The iteration of minimum validation loss (the first one on ties).</summary>
    public int EarlyStopIteration => checked((int)EarlyStop.Iteration);

    /// <summary>The validation accuracy at <see cref="EarlyStopIteration"/>.</summary>
    public double ValidationAccuracyAtEarlyStop => EarlyStop.ValidationAccuracy;

    /// <summary>The test accuracy at <see cref="EarlyStopIteration"/>.</summary>
    public double TestAccuracyAtEarlyStop => EarlyStop.TestAccuracy;

    /// <summary>The last evaluation of the run.</summary>
    public EvaluationRecord Final => evaluations[^1];

    /// <summary>The test accuracy at the last evaluation.</summary>
    public double FinalTestAccuracy => Final.TestAccuracy;

    private static void Validate(EvaluationRecord[] evaluations)
    {
        if (evaluations.Length == 0)
        {
            throw new ArgumentException("The run has no evaluations; a 'RunMetrics' needs at least one.", nameof(evaluations));
        }

        var errors = new List<string>();
        for (var i = 0; i < evaluations.Length; i++)
        {
            var e = evaluations[i] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Evaluation {i} is null."), nameof(evaluations));
            if (e.Iteration < 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Evaluation {i} has iteration {e.Iteration}; iterations must be 0 or more."));
            }

            if (i > 0 && e.Iteration <= evaluations[i - 1].Iteration)
            {
                errors.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Evaluation {i} has iteration {e.Iteration} after iteration {evaluations[i - 1].Iteration}; iterations must strictly increase."));
            }

            CheckAccuracy(errors, i, "ValidationAccuracy", e.ValidationAccuracy);
            CheckAccuracy(errors, i, "TestAccuracy", e.TestAccuracy);
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "The 'RunMetrics' are invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)),
                nameof(evaluations));
        }
    }

    private static void CheckAccuracy(List<string> errors, int index, string name, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Evaluation {index} has '{name}' {value:R}; accuracies are fractions in [0, 1]."));
        }
    }
}
