using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

/// <summary>A tiny, seeded classification task for training tests: Gaussian blobs (4 classes, 1×8×8) and a small MLP with dropout.</summary>
internal static class TinyTask
{
    private static readonly ImageDataset All = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 448, Noise = 0.8, Seed = 3 });

    public static ImageDataset Train { get; } = All.Slice(0, 320, "train");

    public static ImageDataset Validation { get; } = All.Slice(320, 64, "validation");

    public static ImageDataset Test { get; } = All.Slice(384, 64, "test");

    /// <summary>30 iterations of SGD with momentum and a step schedule, batch 32 (10 batches per epoch), evaluating every 5.</summary>
    public static TrainingOptions Options() => new()
    {
        Duration = TrainingDuration.Iterations(30),
        BatchSize = 32,
        DataOrderSeed = 7,
        Optimizer = OptimizerKind.Sgd,
        LearningRate = 0.05,
        Momentum = 0.9,
        Schedule = LearningRateScheduleKind.Step,
        StepSize = TrainingDuration.Iterations(10),
        Gamma = 0.5,
        EvaluationInterval = TrainingDuration.Iterations(5),
        EvaluationBatchSize = 24,
    };

    public static Trainer CreateTrainer(Module model, TrainingOptions? options = null, params ITrainingCallback[] callbacks) =>
        new(model, Train, Validation, Test, options ?? Options(), callbacks);

    /// <summary>Whether every parameter and buffer of the two models is equal bit for bit.</summary>
    public static bool SameWeights(Module a, Module b)
    {
        using var scope = DisposeScope.Begin();
        var left = a.StateDict();
        var right = b.StateDict();
        return left.Count == right.Count && left.All(e => right.TryGetValue(e.Key, out var r) && e.Value.Equal(r));
    }
}
