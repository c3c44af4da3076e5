// fasterai's lottery-ticket experiment shape on TorchVision's ResNet-18: one training run with gradual pruning on the
// iterative schedule (three equal jumps from 20% of training on) to 50% sparsity in every layer (layerwise scope),
// criterion large_final, and lth: after each jump the surviving weights are reset to their values at the start of the
// rewind epoch (epoch 1). The model is any TorchSharp module — here torchvision.models.resnet18 with 4 classes — and
// the data a tiny synthetic set of 3×16×16 images, so the run finishes in seconds on a CPU. The first jump comes at
// 20% of training, so it must fall after the rewind epoch: give at least 6 epochs.
//   dotnet run --project samples/LotteryTickets.TorchVision [store-folder] [epochs]
using System.Globalization;
using System.Text.Json;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Training;
using TorchSharp;

SampleRunner.ConfigureProcess();

var store = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "lottery-torchvision");
var epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
const int classes = 4;

// 32 training (two batches per epoch), 16 validation and 32 test images of 4 noisy prototypes.
var all = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 80, ClassCount = classes, Shape = new SampleShape(3, 16, 16), Noise = 0.5 });
var data = new DatasetSplits(all.Slice(0, 32, "train"), all.Slice(32, 16, "validation"), all.Slice(48, 32, "test"));

var plan = LotteryExperiment.Create("resnet18-blobs-lth")
    // TorchVision's constructor draws from the global generator, which the runner seeds for every trial.
    .WithModel("torchvision_resnet18", _ => torchvision.models.resnet18(num_classes: classes))
    .WithData(data, "blobs-3x16x16")
    .WithTraining(o =>
    {
        o.Duration = TrainingDuration.Epochs(epochs);
        o.BatchSize = 16;
        o.Optimizer = OptimizerKind.Sgd;
        o.LearningRate = 0.01;
        o.Momentum = 0.9;
        o.EvaluationInterval = TrainingDuration.Epochs(1);
    })
    .WithCriterion("large_final")
    .WithSchedule(GradualSchedules.Iterative(0.5, steps: 3, configure: o =>
    {
        o.Scope = PruningScope.Layerwise;
        o.ResetAfterEachPrune = true;
        o.RewindEpoch = 1;
    }))
    .WithProgress(new ConsoleProgress())
    .StoreIn(store)
    .Build();

if (SampleRunner.Run(plan) is null)
{
    return 1;
}

// The ticket's sparsity, per layer, from the run's sparsity.json.
var run = plan.Layout.Run(0, 0);
using var sparsity = JsonDocument.Parse(File.ReadAllText(run.SparsityFile));
var layers = sparsity.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("percentRemaining").GetDouble()).ToList();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Ticket: {sparsity.RootElement.GetProperty("percentRemaining").GetDouble():F1}% of the prunable weights remain ({layers.Count} layers, {layers.Min():F1}–{layers.Max():F1}% each); mask, start and final weights in '{run.Folder}'."));
return 0;
