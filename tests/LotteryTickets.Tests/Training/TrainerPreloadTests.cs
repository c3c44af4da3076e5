using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using TorchSharp;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

public class TrainerPreloadTests
{
    private static (ImageDataset Train, ImageDataset Validation, ImageDataset Test) FreshData()
    {
        var all = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 192, Noise = 0.8, Seed = 5 });
        return (all.Slice(0, 128, "train"), all.Slice(128, 32, "validation"), all.Slice(160, 32, "test"));
    }

    [Test]
    public void ATrainerReleasesTheDataItPreloadedAndKeepsDataPreloadedBeforeIt()
    {
        var (train, validation, test) = FreshData();
        validation.Preload();
        using var model = new TinyMlp(1);
        var before = TinyTask.SettledLiveTensors();
        using (var trainer = new Trainer(model, train, validation, test, TinyTask.Options()))
        {
            trainer.Run();
            Assert.That(new[] { train.IsPreloaded(torch.CPU), test.IsPreloaded(torch.CPU) }, Is.All.True, "preloaded while training");
        }

        Assert.Multiple(() =>
        {
            Assert.That(train.IsPreloaded(torch.CPU), Is.False);
            Assert.That(test.IsPreloaded(torch.CPU), Is.False);
            Assert.That(validation.IsPreloaded(torch.CPU), Is.True, "preloaded by the caller, kept for the next trainer");
            Assert.That(TinyTask.SettledLiveTensors(), Is.EqualTo(before));
        });
        validation.ReleasePreloaded();
    }

    [Test]
    public void WithoutPreloadTheTrainerGivesTheSameResultAndPreloadsNothing()
    {
        var (train, validation, test) = FreshData();
        double Loss(bool preload)
        {
            using var model = new TinyMlp(1);
            var options = TinyTask.Options();
            options.PreloadData = preload;
            using var trainer = new Trainer(model, train, validation, test, options);
            return trainer.Run().Final!.TestLoss;
        }

        var host = Loss(preload: false);
        Assert.That(train.IsPreloaded(torch.CPU), Is.False);
        Assert.That(Loss(preload: true), Is.EqualTo(host));
    }
}
