using System.Globalization;

namespace LotteryTickets.Training;

/// <summary>
/// A training run diverged: the loss of a training batch became NaN or infinite. The <see cref="Trainer"/> throws it from
/// the step that produced the loss (after that step's optimizer update, so the model's weights are not to be trained
/// further); an experiment adds the run it was training to the message and does not mark that run done.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for the step <paramref name="iteration"/> whose loss was <paramref name="loss"/>.</summary>
    /// <param name="iteration">The iteration (1-based step number) whose training loss was not finite.</param>
    /// <param name="loss">The loss (NaN or ±∞).</param>
    public TrainingDivergedException(long iteration, double loss)
        : this(DescribeDivergence(iteration, loss) + " " + Advice, iteration, loss, null)
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    /// <param name="iteration">The iteration (1-based step number) whose training loss was not finite.</param>
    /// <param name="loss">The loss (NaN or ±∞).</param>
    /// <param name="innerException">The cause, if any.</param>
    public TrainingDivergedException(string message, long iteration, double loss, Exception? innerException)
        : base(message, innerException)
    {
        Iteration = iteration;
        Loss = loss;
    }

    /// <summary>Creates the exception with no details.</summary>
    public TrainingDivergedException()
        : this("The training run diverged: its loss became NaN or infinite.")
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
        Loss = double.NaN;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Loss = double.NaN;
    }

    /// <summary>The advice the default message ends with.</summary>
    public const string Advice =
        "Lower the learning rate (or add a warm-up), or check the data and the model for values that overflow.";

    /// <summary>The iteration (1-based step number) whose training loss was not finite.</summary>
    public long Iteration { get; }

    /// <summary>The training loss of that step: NaN or ±∞.</summary>
    public double Loss { get; }

    /// <summary>"The training loss became NaN at iteration 3" (no advice, no period).</summary>
    /// <param name="iteration">The iteration.</param>
    /// <param name="loss">The loss.</param>
    /// <returns>The sentence, without a final period.</returns>
    public static string DescribeDivergence(long iteration, double loss) => string.Create(
        CultureInfo.InvariantCulture,
        $"The training loss became {(double.IsNaN(loss) ? "NaN" : loss > 0 ? "+infinity" : "-infinity")} at iteration {iteration}; the run diverged.");
}
