using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>The losses of <see cref="LossKind"/>: the batch mean a <see cref="Trainer"/> minimizes and the sum an evaluation accumulates.</summary>
internal static class LossFunctions
{
    /// <summary>The mean loss of a batch (what training differentiates).</summary>
    /// <param name="kind">The loss.</param>
    /// <param name="outputs">The model's outputs, N×C.</param>
    /// <param name="labels">The class labels, N (Int64).</param>
    /// <returns>A scalar tensor.</returns>
    public static Tensor Mean(LossKind kind, Tensor outputs, Tensor labels) => kind switch
    {
        LossKind.CrossEntropy => nn.functional.cross_entropy(outputs, labels),
        LossKind.MeanSquaredError => nn.functional.mse_loss(outputs, OneHot(outputs, labels)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The loss is not one of LossKind's."),
    };

    /// <summary>
    /// The loss of a batch summed so that the sum over a set divided by <see cref="Divisor"/> is the set's mean loss:
    /// summed over samples for cross-entropy, over samples and classes for mean squared error.
    /// </summary>
    /// <param name="kind">The loss.</param>
    /// <param name="outputs">The model's outputs, N×C.</param>
    /// <param name="labels">The class labels, N (Int64).</param>
    /// <returns>A scalar tensor.</returns>
    public static Tensor Sum(LossKind kind, Tensor outputs, Tensor labels) => kind switch
    {
        LossKind.CrossEntropy => nn.functional.cross_entropy(outputs, labels, reduction: nn.Reduction.Sum),
        LossKind.MeanSquaredError => nn.functional.mse_loss(outputs, OneHot(outputs, labels), reduction: nn.Reduction.Sum),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The loss is not one of LossKind's."),
    };

    /// <summary>What a <see cref="Sum"/> over <paramref name="samples"/> samples with <paramref name="classes"/> outputs each is divided by to give the mean.</summary>
    /// <param name="kind">The loss.</param>
    /// <param name="samples">The number of samples summed.</param>
    /// <param name="classes">The number of outputs per sample.</param>
    /// <returns>The divisor.</returns>
    public static double Divisor(LossKind kind, long samples, long classes) =>
        kind == LossKind.MeanSquaredError ? (double)samples * classes : samples;

    private static Tensor OneHot(Tensor outputs, Tensor labels)
    {
        if (outputs.dim() != 2)
        {
            throw new ArgumentException(
                $"The model's outputs have shape [{string.Join(", ", outputs.shape)}]; the 'MeanSquaredError' loss needs one row of class scores per sample (N×C).",
                nameof(outputs));
        }

        return nn.functional.one_hot(labels, outputs.shape[1]).to(outputs.dtype);
    }
}
