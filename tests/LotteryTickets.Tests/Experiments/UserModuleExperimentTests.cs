using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.TestSupport;
using LotteryTickets.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Experiments;

/// <summary>
/// A user's own <c>nn.Module&lt;Tensor, Tensor&gt;</c> subclass, not from the zoo, with field names of its own, whose
/// layers initialize themselves from TorchSharp's global generator, runs a two-level IMP experiment with a
/// <c>random_reinit</c> control through the <see cref="LotteryExperiment"/> builder.
/// </summary>
public class UserModuleExperimentTests
{
    private static readonly string[] Branches = ["main", "random_reinit"];

    [Test]
    public void AUserModuleRunsTwoLevelsOfImpWithAReinitControlKeepingPrunedWeightsAtPositiveZeroAndReproducibly()
    {
        using var firstStore = new TemporaryFolder();
        using var secondStore = new TemporaryFolder();
        var first = Builder(firstStore.Path).Build();
        var second = Builder(secondStore.Path).Build();

        var result = first.Run();
        second.Run();

        Assert.That(
            result.Runs.Select(r => (r.Key.Level, r.Key.Branch)),
            Is.EqualTo(new[] { (0, "main"), (1, "main"), (1, "random_reinit"), (2, "main"), (2, "random_reinit") }));
        for (var level = 1; level <= 2; level++)
        {
            foreach (var branch in Branches)
            {
                var run = first.Layout.Run(0, level, branch);
                var mask = TinyExperiment.Load(run.MaskFile);
                var final = TinyExperiment.Load(run.FinalFile);
                Assert.That(mask.Keys.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "hidden.weight", "readout.weight" }), run.Folder);
                Assert.That(final.Keys.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "hidden.bias", "hidden.weight", "readout.bias", "readout.weight" }), run.Folder);
                foreach (var (name, kept) in mask)
                {
                    var pruned = Enumerable.Range(0, kept.Length).Where(i => kept[i] == 0).ToList();
                    Assert.That(pruned, Is.Not.Empty, $"{run.Folder} {name}");
                    Assert.That(pruned.Where(i => BitConverter.SingleToInt32Bits(final[name][i]) != 0), Is.Empty, $"every pruned weight of {name} is +0.0 in {run.Folder}");
                    Assert.That(Enumerable.Range(0, kept.Length).Count(i => kept[i] == 1 && final[name][i] != 0), Is.GreaterThan(0), $"{run.Folder} {name}");
                }

                var again = second.Layout.Run(0, level, branch);
                Assert.That(TinyExperiment.Load(again.MaskFile), Is.EqualTo(mask), $"the same seed gives the same mask: {run.Folder}");
                Assert.That(TinyExperiment.Load(again.StartFile), Is.EqualTo(TinyExperiment.Load(run.StartFile)), $"the same seed gives the same start: {run.Folder}");
            }

            var mainStart = TinyExperiment.Load(first.Layout.Run(0, level).StartFile)["hidden.weight"];
            var reinitStart = TinyExperiment.Load(first.Layout.Run(0, level, "random_reinit").StartFile)["hidden.weight"];
            Assert.That(reinitStart, Is.Not.EqualTo(mainStart), "random_reinit starts from another initialization");
        }
    }

    private static LotteryExperiment Builder(string store) => LotteryExperiment.Create("user-module")
        .WithModel("two-layer-classifier", _ => new TwoLayerClassifier())
        .WithData(TinyExperiment.Splits, "blobs")
        .WithTraining(TinyExperiment.Training)
        .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 2 }))
        .WithControl("random_reinit")
        .WithSeed(7)
        .WithCheckpointInterval(TrainingDuration.Iterations(10))
        .StoreIn(store);

    /// <summary>A user's classifier: TorchSharp's own layers, initialized from the global generator, under its own field names.</summary>
    private sealed class TwoLayerClassifier : nn.Module<Tensor, Tensor>
    {
        private readonly Linear hidden;
        private readonly Linear readout;

        public TwoLayerClassifier()
            : base(nameof(TwoLayerClassifier))
        {
            hidden = nn.Linear(64, 32);
            readout = nn.Linear(32, 4);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => readout.call(hidden.call(input.flatten(1)).relu());
    }
}
