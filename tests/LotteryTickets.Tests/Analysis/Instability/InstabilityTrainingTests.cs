using LotteryTickets.Analysis.Instability;
using LotteryTickets.Masks;
using LotteryTickets.Tests.Training;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Analysis.Instability;

public class InstabilityTrainingTests
{
    [Test]
    public void ACopyCancelledMidRunAndResumedEndsBitForBitAsAnUninterruptedOne()
    {
        using var start = PlainMlp.Create(1);
        using var mask = InstabilityTestData.HalfOfFc1(start);
        using var rewind = RewindPoint(start, iterations: 5);
        using var reference = Setup(start, mask, rewind, (_, _) => { }).TrainCopy(21);

        using var folder = new TemporaryFolder();
        var copyFolder = Path.Combine(folder.Path, "copy_a");
        using var cancellation = new CancellationTokenSource();
        var interrupted = Setup(start, mask, rewind, (model, forwards) =>
        {
            if (forwards == 9)
            {
                cancellation.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() => interrupted.TrainCopy(21, copyFolder, cancellation.Token));
        Assert.That(TrainingCheckpoint.Exists(Path.Combine(copyFolder, InstabilityTraining.CheckpointFolderName)), Is.True);
        Assert.That(File.Exists(Path.Combine(copyFolder, InstabilityTraining.DoneFileName)), Is.False);
        using (var saved = TrainingCheckpoint.Load(Path.Combine(copyFolder, InstabilityTraining.CheckpointFolderName)))
        {
            Assert.That(saved.Iteration, Is.EqualTo(5 + 9), "stopped mid-run, after the rewind point");
        }

        using var resumed = Setup(start, mask, rewind, (_, _) => { }).TrainCopy(21, copyFolder);
        var read = Setup(start, mask, rewind, (_, _) => Assert.Fail("a finished copy is read, not retrained"));
        using var again = read.TrainCopy(21, copyFolder);

        foreach (var copy in new[] { resumed, again })
        {
            Assert.That(copy.Final.Keys, Is.EquivalentTo(reference.Final.Keys));
            Assert.That(reference.Final.All(e => TinyTask.SameBits(e.Value, copy.Final[e.Key])), Is.True, "final weights bit for bit");
            Assert.That(copy.Metrics.Evaluations, Is.EqualTo(reference.Metrics.Evaluations));
        }

        Assert.That(InstabilityTestData.PrunedBits(reference.Final["fc1.weight"]), Is.All.EqualTo(0), "masked after every step");
        Assert.That(Directory.Exists(Path.Combine(copyFolder, InstabilityTraining.CheckpointFolderName)), Is.False, "the checkpoint is removed when done");
        Assert.That(reference.Metrics.Evaluations[0].Iteration, Is.EqualTo(5), "the copy starts at the rewind point");
    }

    [Test]
    public void TheTwoCopiesOfAPairDifferOnlyByTheirDataOrder()
    {
        using var start = PlainMlp.Create(1);
        using var mask = Mask.Dense(start);
        var setup = Setup(start, mask, null, (_, _) => { });
        var seeds = StabilitySeeds.Derive(7);

        using var pair = setup.TrainPair(seeds);
        using var again = setup.TrainCopy(seeds.CopyB);

        Assert.That(pair.CopyA.DataOrderSeed, Is.EqualTo(seeds.CopyA));
        Assert.That(TinyTask.SameBits(pair.CopyA.Final["fc1.weight"], pair.CopyB.Final["fc1.weight"]), Is.False);
        Assert.That(pair.CopyB.Final.All(e => TinyTask.SameBits(e.Value, again.Final[e.Key])), Is.True);
    }

    [Test]
    public void TheDerivedDataOrderSeedsDifferAndDependOnlyOnTheSeed()
    {
        var seeds = StabilitySeeds.Derive(42);
        Assert.That(seeds.CopyA, Is.Not.EqualTo(seeds.CopyB));
        Assert.That(StabilitySeeds.Derive(42), Is.EqualTo(seeds));
        Assert.That(StabilitySeeds.Derive(43), Is.Not.EqualTo(seeds));
    }

    private static InstabilityTraining Setup(PlainMlp start, Mask mask, TrainingCheckpoint? rewind, Action<PlainMlp, int> onForward) => new()
    {
        ModelFactory = generator =>
        {
            var model = new PlainMlp(generator);
            model.AfterTrainingForward = n => onForward(model, n);
            return model;
        },
        StartWeights = start.state_dict(),
        Mask = mask,
        Rewind = rewind,
        Training = TinyTask.Options(),
        TrainingSet = TinyTask.Train,
        ValidationSet = TinyTask.Validation,
        TestSet = TinyTask.Test,
        CheckpointInterval = TrainingDuration.Iterations(4),
    };

    private static TrainingCheckpoint RewindPoint(PlainMlp start, int iterations)
    {
        using var model = PlainMlp.Create(1);
        StateDicts.Load(model, start.state_dict());
        var stop = new RecordingCallback { AtIterationEnd = s => { if (s.Iteration == iterations) s.RequestStop("Rewind point."); } };
        using var trainer = TinyTask.CreateTrainer(model, TinyTask.Options(), stop);
        trainer.Run();
        return trainer.CreateCheckpoint();
    }
}
