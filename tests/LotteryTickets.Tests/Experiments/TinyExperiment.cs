using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Training;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Experiments;

/// <summary>A tiny, fast experiment: Gaussian blobs (4 classes, 1×8×8) and a 64-25-20-4 MLP, 30 Adam iterations per run.</summary>
internal static class TinyExperiment
{
    private static readonly ImageDataset All = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 448, Noise = 0.8, Seed = 3 });

    public static DatasetSplits Splits { get; } = new(All.Slice(0, 320, "train"), All.Slice(320, 64, "validation"), All.Slice(384, 64, "test"));

    public static nn.Module<Tensor, Tensor> CreateModel(Generator generator) => new TinyNet(generator);

    /// <summary>The number of parameters (weights and biases) of the tiny MLP.</summary>
    public const int ParameterCount = 6;

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
        using var scope = torch.NewDisposeScope();
        return SafeTensors.Load(file).ToDictionary(e => e.Key, e => e.Value.to(ScalarType.Float32).contiguous().data<float>().ToArray());
    }

    /// <summary>
    /// PyTorch's default initialization of a <see cref="Linear"/> layer (weight and bias uniform in ±1/√fan_in) drawn from
    /// <paramref name="generator"/>, weight first.
    /// </summary>
    public static Linear SeededLinear(long inputs, long outputs, Generator generator)
    {
        var layer = nn.Linear(inputs, outputs);
        var bound = 1.0 / Math.Sqrt(inputs);
        using (torch.no_grad())
        {
            layer.weight!.uniform_(-bound, bound, generator);
            layer.bias!.uniform_(-bound, bound, generator);
        }

        return layer;
    }

    private sealed class TinyNet : nn.Module<Tensor, Tensor>
    {
        private readonly Linear fc1;
        private readonly Linear fc2;
        private readonly Linear fc3;

        public TinyNet(Generator generator)
            : base(nameof(TinyNet))
        {
            fc1 = SeededLinear(64, 25, generator);
            fc2 = SeededLinear(25, 20, generator);
            fc3 = SeededLinear(20, 4, generator);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var x = input.flatten(1);
            using var h1 = fc1.call(x);
            using var r1 = h1.relu();
            using var h2 = fc2.call(r1);
            using var r2 = h2.relu();
            return fc3.call(r2);
        }
    }
}
