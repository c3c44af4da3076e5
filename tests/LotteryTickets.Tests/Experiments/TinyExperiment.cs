using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;
using LotteryTickets.Torch.Serialization;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Experiments;

/// <summary>A tiny, fast experiment: Gaussian blobs (4 classes, 1×8×8) and a 64-25-20-4 MLP, 30 Adam iterations per run.</summary>
internal static class TinyExperiment
{
    private static readonly ImageDataset All = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 448, Noise = 0.8, Seed = 3 });

    public static DatasetSplits Splits { get; } = new(All.Slice(0, 320, "train"), All.Slice(320, 64, "validation"), All.Slice(384, 64, "test"));

    public static Module CreateModel(Generator generator) => new TinyNet(generator);

    /// <summary>The builder of a 2-level IMP at 20% (output 10%) with the tiny task, storing in <paramref name="store"/>.</summary>
    public static LotteryExperiment Builder(string store, int levels = 2) => LotteryExperiment.Create("tiny")
        .WithModel("tiny-mlp", CreateModel)
        .WithData(Splits, "blobs")
        .WithTraining(Training)
        .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = levels }))
        .WithCheckpointInterval(TrainingDuration.Iterations(10))
        .StoreIn(store);

    public static void Training(TrainingOptions o)
    {
        o.Duration = TrainingDuration.Iterations(30);
        o.BatchSize = 32;
        o.Optimizer = OptimizerKind.Adam;
        o.LearningRate = 0.01;
        o.EvaluationInterval = TrainingDuration.Iterations(10);
        o.EvaluationBatchSize = 64;
    }

    /// <summary>Every file of an experiment folder (relative path → bytes), leaving out nothing.</summary>
    public static SortedDictionary<string, byte[]> Files(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes),
        StringComparer.Ordinal);

    public static Dictionary<string, float[]> Load(string file)
    {
        using var scope = DisposeScope.Begin();
        return SafeTensors.Load(file).ToDictionary(e => e.Key, e => e.Value.To(ScalarType.Float32).Contiguous().ToArray<float>());
    }

    private sealed class TinyNet : Module
    {
        private readonly Linear fc1;
        private readonly Linear fc2;
        private readonly Linear fc3;

        public TinyNet(Generator generator)
        {
            fc1 = RegisterModule("fc1", new Linear(64, 25, generator: generator));
            fc2 = RegisterModule("fc2", new Linear(25, 20, generator: generator));
            fc3 = RegisterModule("fc3", new Linear(20, 4, generator: generator));
        }

        public override Tensor Forward(Tensor input)
        {
            var x = input.Flatten(1);
            return fc3.Forward(fc2.Forward(fc1.Forward(x).Relu()).Relu());
        }
    }
}
