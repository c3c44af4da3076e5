using System.Globalization;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Masks;
using LotteryTickets.Training;

namespace LotteryTickets.Analysis.Instability;

/// <summary>How <see cref="LinearModeConnectivity"/> evaluates the points between two networks.</summary>
public sealed class InterpolationOptions
{
    /// <summary>The default number of training batches over which batch-norm statistics are recomputed.</summary>
    public const int DefaultBatchNormBatches = 10;

    /// <summary>The batch size of evaluation, as <see cref="TrainingOptions.EvaluationBatchSize"/> (the same batches give the trainer's numbers).</summary>
    /// <value>The default value is <see cref="TrainingOptions.DefaultEvaluationBatchSize"/>.</value>
    public int EvaluationBatchSize { get; set; } = TrainingOptions.DefaultEvaluationBatchSize;

    /// <summary>The loss each point reports, as <see cref="TrainingOptions.Loss"/> (error and accuracy are the largest output's class either way).</summary>
    /// <value>The default value is <see cref="LossKind.CrossEntropy"/>.</value>
    public LossKind Loss { get; set; } = LossKind.CrossEntropy;

    /// <summary>Whether evaluation batches are cut from the whole data set converted once on the device, as <see cref="TrainingOptions.PreloadData"/>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool PreloadData { get; set; } = true;

    /// <summary>A training set to evaluate at every point too (<see cref="InterpolationPoint.TrainLoss"/>, <see cref="InterpolationPoint.TrainError"/>), and the default source of batch-norm batches.</summary>
    /// <value>The default value is <see langword="null"/>: the evaluation set only.</value>
    public ImageDataset? TrainingSet { get; set; }

    /// <summary>
    /// A mask to re-apply to every interpolated point (pruned weights set to +0.0, as <see cref="MaskedModel.ApplyToWeights"/>),
    /// for two networks trained under it. Borrowed, not disposed.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the points are used as interpolated.</value>
    public Mask? Mask { get; set; }

    /// <summary>
    /// The number of training batches over which the running statistics of every batch-norm layer are recomputed at each
    /// point (0: the interpolated running statistics are used as they are). Ignored for networks without batch norm.
    /// </summary>
    /// <value>The default value is <see cref="DefaultBatchNormBatches"/>.</value>
    public int BatchNormBatches { get; set; } = DefaultBatchNormBatches;

    /// <summary>The batch size of the batch-norm recomputation.</summary>
    /// <value>The default value is <see cref="DataLoaderOptions.DefaultBatchSize"/>.</value>
    public int BatchNormBatchSize { get; set; } = DataLoaderOptions.DefaultBatchSize;

    /// <summary>The seed of the shuffled order from which the batch-norm batches are drawn (the same batches at every point).</summary>
    /// <value>The default value is 0.</value>
    public ulong BatchNormSeed { get; set; }

    /// <summary>The data for the batch-norm recomputation.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="TrainingSet"/>.</value>
    public ImageDataset? BatchNormData { get; set; }

    /// <summary>
    /// Whether the batch-norm statistics are recomputed at α = 0 and α = 1 too, so every point of the path is treated
    /// alike; without it, the endpoints keep the networks' own statistics and their numbers equal the networks' own
    /// evaluations.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RecomputeBatchNormAtEndpoints { get; set; } = true;

    /// <summary>The data the batch-norm statistics are recomputed on: <see cref="BatchNormData"/>, else <see cref="TrainingSet"/>.</summary>
    public ImageDataset? BatchNormSource => BatchNormData ?? TrainingSet;

    /// <summary>A shallow copy (data sets and mask are shared).</summary>
    /// <returns>The copy.</returns>
    public InterpolationOptions Copy() => (InterpolationOptions)MemberwiseClone();

    /// <summary>Every problem with these options, as sentences; empty when they are valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (EvaluationBatchSize < 1)
        {
            errors.Add(Format($"'EvaluationBatchSize' is {EvaluationBatchSize}; it must be at least 1."));
        }

        if (BatchNormBatches < 0)
        {
            errors.Add(Format($"'BatchNormBatches' is {BatchNormBatches}; it must be at least 0 (0 keeps the interpolated statistics)."));
        }

        if (BatchNormBatchSize < 1)
        {
            errors.Add(Format($"'BatchNormBatchSize' is {BatchNormBatchSize}; it must be at least 1."));
        }

        return errors;
    }

    /// <summary>Throws when the options are invalid, listing every problem.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The 'InterpolationOptions' are invalid." + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", errors));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
