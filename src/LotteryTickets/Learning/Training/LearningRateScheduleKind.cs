namespace LotteryTickets.Training;

/// <summary>The shape of the learning rate over training (an optional linear warm-up comes on top).</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The same rate throughout.</summary>
    Constant,

    /// <summary>The rate multiplied by <see cref="TrainingOptions.Gamma"/> every <see cref="TrainingOptions.StepSize"/>.</summary>
    Step,

    /// <summary>The rate multiplied by <see cref="TrainingOptions.Gamma"/> at each of <see cref="TrainingOptions.Milestones"/>.</summary>
    MultiStep,

    /// <summary>Cosine annealing from the rate to <see cref="TrainingOptions.MinimumLearningRate"/> over the whole run.</summary>
    Cosine,
}
