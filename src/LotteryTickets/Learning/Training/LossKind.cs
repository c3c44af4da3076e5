namespace LotteryTickets.Training;

/// <summary>
/// The loss a <see cref="Trainer"/> minimizes and reports, of a model's outputs (N×C, one score per class) and the class
/// labels (N, Int64). Error and accuracy are the same for every loss: the class of the largest output.
/// </summary>
public enum LossKind
{
    /// <summary>
    /// Cross-entropy of the softmax of the outputs, PyTorch's <c>F.cross_entropy(outputs, labels)</c>: the mean over the
    /// batch in training, the mean over the samples of a set in evaluation.
    /// </summary>
    CrossEntropy,

    /// <summary>
    /// Mean squared error of the raw outputs (no softmax) against one-hot targets, PyTorch's
    /// <c>F.mse_loss(outputs, F.one_hot(labels, C).to(outputs.dtype))</c>: (1 / (N·C)) Σ_n Σ_c (outputs[n, c] − [c = labels[n]])²,
    /// the mean over the batch and the C classes in training, over the samples of a set and the classes in evaluation.
    /// </summary>
    MeanSquaredError,
}
