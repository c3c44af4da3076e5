namespace LotteryTickets.Cli.Experiments;

/// <summary>Where surviving weights go after pruning (the <c>rewind</c> key).</summary>
public enum RewindKind
{
    /// <summary><c>init</c>: to the initial weights (Frankle &amp; Carbin).</summary>
    Init,

    /// <summary><c>iteration:k</c>: to the weights after k iterations (late rewinding).</summary>
    Iteration,

    /// <summary><c>epoch:k</c>: to the weights after k epochs (late rewinding).</summary>
    Epoch,

    /// <summary><c>none</c>: keep the trained weights (fine-tuning).</summary>
    None,

    /// <summary><c>lr</c>: keep the trained weights and restart the learning-rate schedule (learning-rate rewinding).</summary>
    LearningRate,
}
