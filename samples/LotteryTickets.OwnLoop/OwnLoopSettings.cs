namespace LotteryTickets.OwnLoop;

/// <summary>The sample's knobs: how long each phase trains and how much it prunes.</summary>
public sealed class OwnLoopSettings
{
    /// <summary>The seed of the network's initialization, the data order and the pruning tie-breaks.</summary>
    public ulong Seed { get; set; }

    /// <summary>The batch size.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>The RMSprop learning rate.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Epochs of the gradual run (pruned on the AGP curve to <see cref="Sparsity"/>).</summary>
    public int GradualEpochs { get; set; } = 2;

    /// <summary>The gradual run's final sparsity in every layer.</summary>
    public double Sparsity { get; set; } = 0.9;

    /// <summary>Pruning levels of iterative magnitude pruning after the dense round (20% of each layer's remaining weights per level, 10% of the output layer's).</summary>
    public int ImpLevels { get; set; } = 3;

    /// <summary>Epochs of every IMP round.</summary>
    public int ImpEpochs { get; set; } = 1;

    /// <summary>The iteration of the first IMP round whose weights and optimizer state every later round rewinds to (late rewinding).</summary>
    public long RewindIteration { get; set; } = 20;
}
