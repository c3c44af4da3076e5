namespace LotteryTickets.Initialization;

/// <summary>The options of the <c>snip</c> mask generator (<see cref="SnipPruning"/>).</summary>
public sealed class SnipOptions
{
    /// <summary>How many training samples of each class form the scoring batch.</summary>
    /// <value>The default value is <see cref="ClassBalancedBatch.DefaultSamplesPerClass"/> (10).</value>
    public int SamplesPerClass { get; set; } = ClassBalancedBatch.DefaultSamplesPerClass;

    /// <summary>The data scored on: the training data or a data sanity check.</summary>
    /// <value>The default value is <see cref="ScoringDataVariant.Original"/>.</value>
    public ScoringDataVariant DataVariant { get; set; } = ScoringDataVariant.Original;

    internal void Validate()
    {
        var errors = new List<string>();
        ScoringOptionsValidation.SamplesPerClass(SamplesPerClass, errors);
        ScoringOptionsValidation.DataVariant(DataVariant, errors);
        ScoringOptionsValidation.ThrowIfAny(nameof(SnipOptions), errors);
    }
}
