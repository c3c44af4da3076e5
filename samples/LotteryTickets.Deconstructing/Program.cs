// "Deconstructing lottery tickets" (Zhou et al.) on Fashion-MNIST with LeNet-300-100:
//  1. mask criteria × weight transforms: for each criterion, one-shot pruning of the trained network to 10% of its
//     weights, the ticket trained as it is (main) and after each transform (reinit, reshuffle, signed constant, and
//     pruned weights frozen at their initial values);
//  2. supermasks at initialization: the accuracy, without any training, of the initial weights under each criterion's
//     mask at several sparsities, with the initial weights and with signed constants;
//  3. a learned supermask: frozen signed-constant weights, trained Bernoulli mask scores.
// Writes every table and plot under the store folder.
//   dotnet run -c Release --project samples/LotteryTickets.Deconstructing [store-folder] [iterations] [supermask-epochs]
using System.Globalization;
using LotteryTickets.Datasets;
using LotteryTickets.Experiments;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using LotteryTickets.Results;
using LotteryTickets.Results.Plots;
using LotteryTickets.Storage;
using LotteryTickets.Supermasks;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Initialization;
using LotteryTickets.Serialization;

SampleRunner.ConfigureProcess();

var store = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "lottery-deconstructing");
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var supermaskEpochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
string[] criteria = ["large_final", "magnitude_increase", "movement", "large_init_large_final", "random"];
string[] transforms = ["random_reinit", "reshuffle", "signed_constant", "freeze_init"];
Directory.CreateDirectory(store);
var data = FashionMnist.Load(new DatasetLoadOptions { ValidationCount = 5000 });

// 1. Criteria × transforms.
var results = new List<(string Criterion, ExperimentResult Result)>();
RunPaths? denseRun = null;
foreach (var criterion in criteria)
{
    var builder = LotteryExperiment.Create("lenet-fashion-" + criterion.Replace('_', '-'))
        .WithModel("lenet300_100")
        .WithData(data, "fashion-mnist")
        .WithTraining(o =>
        {
            o.Duration = TrainingDuration.Iterations(iterations);
            o.Optimizer = OptimizerKind.Adam;
            o.LearningRate = 1.2e-3;
            o.EvaluationInterval = TrainingDuration.Iterations(Math.Max(1, iterations / 4));
        })
        .WithCriterion(criterion)
        .WithSchedule(new OneShot(0.9))
        .WithProgress(new ConsoleProgress())
        .StoreIn(store);
    foreach (var transform in transforms)
    {
        builder.WithControl(transform);
    }

    var plan = builder.Build();
    if (SampleRunner.Run(plan) is not { } result)
    {
        return 1;
    }

    results.Add((criterion, result));
    denseRun ??= plan.Layout.Run(0, 0);
}

var grid = CriteriaByTransforms(results, transforms);
File.WriteAllText(Path.Combine(store, "criteria-x-transforms.md"), grid);
Console.WriteLine("Test accuracy at early stop, 10% of weights remaining (criterion × how the ticket starts):");
Console.WriteLine(grid);

// 2. Accuracy at initialization under every criterion's mask, from the first experiment's dense run.
using (var scope = torch.NewDisposeScope())
{
    var initial = SafeTensors.Load(denseRun!.StartFile);
    var trained = SafeTensors.Load(denseRun.FinalFile);
    var factory = ModelZoo.Factory("lenet300_100", data.Train.SampleShape, data.Train.ClassCount);
    using var generator = new torch.Generator(0);
    using var model = factory(generator);
    foreach (var transform in new ITicketTransform?[] { null, TicketTransforms.SignedConstant })
    {
        var atInit = AccuracyAtInitialization.Evaluate(model, initial, trained, data.Test, new AccuracyAtInitializationOptions
        {
            Transform = transform,
            ModelFactory = factory,
        });
        var name = "accuracy-at-init-" + (transform?.Name ?? "initial-weights").Replace('_', '-');
        File.WriteAllText(Path.Combine(store, name + ".csv"), atInit.ToCsv());
        File.WriteAllText(Path.Combine(store, name + ".md"), atInit.ToMarkdownGrid());
        File.WriteAllText(Path.Combine(store, name + ".svg"), SvgLineChart.Render(atInit.ToChart()));
        Console.WriteLine($"Accuracy at initialization, no training ({transform?.Name ?? "initial weights"}):");
        Console.WriteLine(atInit.ToMarkdownGrid());
    }
}

// 3. A learned supermask over frozen signed-constant weights.
Console.WriteLine($"Training a supermask over frozen signed-constant weights ({supermaskEpochs} epochs)...");
using (var supermask = SupermaskTraining.Run("lenet300_100", data, new SupermaskOptions
{
    Duration = TrainingDuration.Epochs(supermaskEpochs),
    WeightTransform = TicketTransforms.SignedConstant,
}))
{
    var line = string.Create(
        CultureInfo.InvariantCulture,
        $"Learned supermask: test accuracy {supermask.Sampled.Accuracy:F4} (mean of {supermask.Sampled.Samples.Count} sampled masks), {supermask.Rounded.Accuracy:F4} (rounded mask, {supermask.PercentRemaining:F1}% of weights kept); the frozen weights without a mask: {supermask.Dense.Accuracy:F4}.");
    File.WriteAllText(Path.Combine(store, "learned-supermask.txt"), line + "\n");
    supermask.Mask.Save(Path.Combine(store, "learned-supermask.safetensors"));
    Console.WriteLine(line);
}

Console.WriteLine($"Tables and plots under {store}");
return 0;

static string CriteriaByTransforms(List<(string Criterion, ExperimentResult Result)> results, string[] transforms)
{
    var columns = new[] { RunKey.MainBranch }.Concat(transforms).ToArray();
    var lines = new List<string>
    {
        "| criterion | " + string.Join(" | ", columns) + " |",
        "|---|" + string.Concat(columns.Select(_ => "---:|")),
    };
    foreach (var (criterion, result) in results)
    {
        var level = result.Aggregate().Where(a => a.Level == 1).ToDictionary(a => a.Branch);
        lines.Add($"| {criterion} | " + string.Join(" | ", columns.Select(c => level.TryGetValue(c, out var a)
            ? a.TestAccuracyAtEarlyStop.Mean.ToString("F4", CultureInfo.InvariantCulture)
            : "")) + " |");
    }

    return string.Join("\n", lines) + "\n";
}
