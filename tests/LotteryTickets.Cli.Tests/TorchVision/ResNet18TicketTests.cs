using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Cli.Tests.TorchVision;

/// <summary>
/// fasterai's lottery-ticket experiment shape (gradual iterative schedule, lth with a rewind epoch, layerwise scope,
/// large_final) on TorchVision's ResNet-18 through the library, briefly, on tiny synthetic data.
/// </summary>
public class ResNet18TicketTests
{
    private const double Target = 0.5;

    [Test]
    public void AGradualLthRunOnResNet18KeepsPrunedWeightsAtZeroAndReachesTheTargetSparsity()
    {
        using var folder = new TemporaryFolder();
        var all = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 40, ClassCount = 3, Shape = new SampleShape(3, 16, 16), Noise = 0.5 });
        // One batch per epoch: six epochs are six steps, the snapshot is taken at iteration 1 and the three jumps come after it.
        var data = new DatasetSplits(all.Slice(0, 16, "train"), all.Slice(16, 8, "validation"), all.Slice(24, 16, "test"));
        var plan = LotteryExperiment.Create("resnet18-lth")
            .WithModel("torchvision_resnet18", _ => torchvision.models.resnet18(num_classes: 3))
            .WithData(data, "blobs")
            .WithTraining(o =>
            {
                o.Duration = TrainingDuration.Epochs(6);
                o.BatchSize = 16;
                o.Optimizer = OptimizerKind.Sgd;
                o.LearningRate = 0.01;
                o.Momentum = 0.9;
                o.EvaluationInterval = TrainingDuration.Epochs(6);
            })
            .WithCriterion("large_final")
            .WithSchedule(GradualSchedules.Iterative(Target, steps: 3, configure: o =>
            {
                o.Scope = PruningScope.Layerwise;
                o.ResetAfterEachPrune = true;
                o.RewindEpoch = 1;
            }))
            .StoreIn(folder.Path)
            .Build();

        plan.Run();

        var run = plan.Layout.Run(0, 0);
        using var scope = torch.NewDisposeScope();
        var mask = SafeTensors.Load(run.MaskFile);
        var final = SafeTensors.Load(run.FinalFile);
        var start = SafeTensors.Load(run.StartFile);
        Assert.That(mask.Keys, Does.Contain("conv1.weight").And.Contain("layer4.1.conv2.weight"));
        Assert.Multiple(() =>
        {
            foreach (var (name, m) in mask)
            {
                var pruned = m.eq(0);
                var count = pruned.count_nonzero().item<long>();
                var total = m.numel();
                Assert.That(Math.Abs(count - (Target * total)), Is.LessThanOrEqualTo(1.0), $"{name}: {count} of {total} pruned");
                foreach (var (what, weights) in new[] { ("final", final[name]), ("start", start[name]) })
                {
                    var atPruned = weights.masked_select(pruned);
                    Assert.That(atPruned.count_nonzero().item<long>(), Is.Zero, $"{name}: {what} weights at pruned positions are not zero");
                    Assert.That(atPruned.signbit().count_nonzero().item<long>(), Is.Zero, $"{name}: {what} weights at pruned positions are -0.0");
                }
            }
        });
    }
}
