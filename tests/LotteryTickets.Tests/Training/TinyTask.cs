using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

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

    public static Trainer CreateTrainer(nn.Module<Tensor, Tensor> model, TrainingOptions? options = null, params ITrainingCallback[] callbacks) =>
        new(model, Train, Validation, Test, options ?? Options(), callbacks);

    /// <summary>Whether every parameter and buffer of the two models is equal bit for bit.</summary>
    public static bool SameWeights(nn.Module a, nn.Module b)
    {
        var left = a.state_dict();
        var right = b.state_dict();
        return left.Count == right.Count && left.All(e => right.TryGetValue(e.Key, out var r) && SameBits(e.Value, r));
    }

    /// <summary>Whether two tensors have the same type, shape and bytes (so +0.0 and −0.0 differ, and equal NaNs agree).</summary>
    public static bool SameBits(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape))
        {
            return false;
        }

        using var scope = torch.NewDisposeScope();
        var x = a.detach().cpu().contiguous();
        var y = b.detach().cpu().contiguous();
        return x.bytes.SequenceEqual(y.bytes);
    }

    /// <summary>The number of live tensors (TorchSharp's count), the leak oracle of the tests.</summary>
    public static long LiveTensors => LotteryTickets.Native.Engine.LiveTensorCount;

    /// <summary>
    /// <see cref="LiveTensors"/> after a full garbage collection: tensor objects nobody references any more (such as those
    /// TorchSharp's layer constructors leave behind) are finalized first, so that later counts change only by what the
    /// code under test creates and disposes.
    /// </summary>
    public static long SettledLiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return LiveTensors;
    }
}
