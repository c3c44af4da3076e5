namespace LotteryTickets.Datasets;

/// <summary>The parts of a named dataset: training, held-out validation (taken from the training files) and test.</summary>
/// <param name="Train">The training samples (the training files less the validation samples).</param>
/// <param name="Validation">The last samples of the training files, or <see langword="null"/> when none were held out.</param>
/// <param name="Test">The test samples.</param>
public sealed record DatasetSplits(ImageDataset Train, ImageDataset? Validation, ImageDataset Test);
