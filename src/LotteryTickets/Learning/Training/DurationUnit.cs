namespace LotteryTickets.Training;

/// <summary>The unit of a <see cref="TrainingDuration"/>.</summary>
public enum DurationUnit
{
    /// <summary>Optimizer steps (one batch each); written <c>it</c>, as in <c>5000it</c>.</summary>
    Iterations,

    /// <summary>Passes over the training set; written <c>ep</c>, as in <c>50ep</c>.</summary>
    Epochs,
}
