using System.Globalization;

namespace LotteryTickets.Initialization;

/// <summary>The options of the <c>grasp</c> mask generator (<see cref="GraspPruning"/>).</summary>
public sealed class GraspOptions
{
    /// <summary>How many training samples of each class form the scoring batch.</summary>
    /// <value>The default value is <see cref="ClassBalancedBatch.DefaultSamplesPerClass"/> (10).</value>
    public int SamplesPerClass { get; set; } = ClassBalancedBatch.DefaultSamplesPerClass;

    /// <summary>The data scored on: the training data or a data sanity check.</summary>
    /// <value>The default value is <see cref="ScoringDataVariant.Original"/>.</value>
    public ScoringDataVariant DataVariant { get; set; } = ScoringDataVariant.Original;

    /// <summary>The temperature T dividing the logits.</summary>
    /// <value>The default value is <see cref="GraspScores.DefaultTemperature"/> (200).</value>
    public double Temperature { get; set; } = GraspScores.DefaultTemperature;

    internal void Validate()
    {
        var errors = new List<string>();
        ScoringOptionsValidation.SamplesPerClass(SamplesPerClass, errors);
        ScoringOptionsValidation.DataVariant(DataVariant, errors);
        if (!(Temperature > 0) || double.IsInfinity(Temperature))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"The 'Temperature' is {Temperature}; it must be a positive number (GraSP uses 200)."));
        }

        ScoringOptionsValidation.ThrowIfAny(nameof(GraspOptions), errors);
    }
}
