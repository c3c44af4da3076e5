// Pruning in your own TorchSharp training loop (docs/own-loop.md): a small CNN of our own on Fashion-MNIST, trained with
// RMSprop in a hand-written loop, first pruned gradually (AGP) to 90% sparsity in one run, then by iterative magnitude
// pruning with late rewinding (weights and optimizer state) in the same loop. Pruned weights stay exactly +0.0 because
// the optimizer is wrapped by the Sparsifier.
//   dotnet run -c Release --project samples/LotteryTickets.OwnLoop [training-images] [gradual-epochs] [imp-levels]
using System.Globalization;
using LotteryTickets.Datasets;
using LotteryTickets.OwnLoop;
using TorchSharp;

// The application opts into the native settings its environment asks for (the library itself leaves the process alone).
LotteryTickets.Native.Engine.ConfigureProcess(LotteryTickets.Native.ProcessSettings.FromEnvironment());

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var settings = new OwnLoopSettings
{
    GradualEpochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2,
    ImpLevels = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3,
};

var splits = FashionMnist.Load();
using var scope = torch.NewDisposeScope();
var (trainImages, trainLabels) = splits.Train.Slice(0, Math.Min(count, splits.Train.Count)).ToTensors();
var (testImages, testLabels) = splits.Test.ToTensors();
var report = OwnLoop.Run(trainImages, trainLabels, testImages, testLabels, settings, Console.Out);

Console.WriteLine($"Pruned weights that were not +0.0 after an optimizer step: {report.GradualRevivedWeights}.");
foreach (var layer in report.GradualSparsity.Layers)
{
    Console.WriteLine($"  {layer.Name}: {layer.Remaining} of {layer.Total} weights remain");
}

return 0;
