using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Tests;

public class ImageDatasetTests
{
    private static ImageDataset Ten() =>
        ImageDataset.FromBytes(
            "ten", Enumerable.Range(0, 40).Select(i => (byte)(i * 5)).ToArray(), new SampleShape(1, 2, 2), Enumerable.Range(0, 10).Select(i => i % 3).ToArray(), 3);

    [Test]
    public void TheValidationSplitIsTheLastSamplesOfTheTrainingSet()
    {
        var (train, validation) = Ten().SplitValidation(3);

        Assert.Multiple(() =>
        {
            Assert.That(train.Count, Is.EqualTo(7));
            Assert.That(validation.Count, Is.EqualTo(3));
            Assert.That(validation.BytePixels.ToArray(), Is.EqualTo(Ten().BytePixels[28..].ToArray()));
            Assert.That(validation.Name, Is.EqualTo("ten/validation"));
        });
    }

    [Test]
    public void AValidationSplitThatLeavesNoTrainingSamplesIsRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ten().SplitValidation(10));

        Assert.That(ex!.Message, Does.Contain("between 0 and 9").And.Contain("'ten'"));
    }

    [Test]
    public void SamplesAreReadScaledAndNormalisedPerChannel()
    {
        var pixels = new byte[] { 0, 255, 51, 102, 0, 0, 0, 255 };
        var data = ImageDataset.FromBytes("rgb-ish", pixels, new SampleShape(2, 2, 2), [0], 1, Normalization.PerChannel([0.2f, 0f], [0.5f, 1f]));
        var sample = new float[8];

        data.CopySampleTo(0, sample);

        Assert.That(sample, Is.EqualTo(new[] { -0.4f, 1.6f, 0f, 0.4f, 0f, 0f, 0f, 1f }).Within(1e-6));
    }

    [Test]
    public void ToTensorsGivesNormalisedFloatImagesAndInt64Labels()
    {
        var data = Ten().WithNormalization(Normalization.Uniform(0.5f, 0.5f));
        var before = Tensor.TotalCount;

        var (images, labels) = data.ToTensors();
        using (images)
        using (labels)
        {
            Assert.Multiple(() =>
            {
                Assert.That(images.shape, Is.EqualTo(new long[] { 10, 1, 2, 2 }));
                Assert.That(images.data<float>().ToArray()[..2], Is.EqualTo(new[] { -1f, (5 / 255f - 0.5f) / 0.5f }).Within(1e-6));
                Assert.That(labels.data<long>().ToArray(), Is.EqualTo(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 }));
            });
        }

        Assert.That(Tensor.TotalCount, Is.EqualTo(before));
    }

    [Test]
    public void ALabelOutsideTheClassesNamesTheSample()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ImageDataset.FromBytes("bad", new byte[8], new SampleShape(1, 2, 2), [0, 3], 3));

        Assert.That(ex!.Message, Does.Contain("label 3 of sample 1 in the dataset 'bad' is outside [0, 3)"));
    }

    [Test]
    public void PixelsThatDoNotMatchTheLabelsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ImageDataset.FromFloats("bad", new float[7], new SampleShape(1, 2, 2), [0, 1], 3));

        Assert.That(ex!.Message, Does.Contain("'bad' has 7 pixel values but 2 labels").And.Contain("need 8"));
    }

    [Test]
    public void ANormalisationForAnotherChannelCountIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ten().WithNormalization(Normalization.Cifar10));

        Assert.That(ex!.Message, Does.Contain("normalisation has 3 channels but the samples of the dataset 'ten' have 1"));
    }

    [Test]
    public void ComputedStatisticsMatchTheData()
    {
        var data = ImageDataset.FromFloats("two", [0f, 1f, 0f, 1f], new SampleShape(1, 1, 2), [0, 0], 1);

        var norm = Normalization.ComputeFrom(data);

        Assert.Multiple(() =>
        {
            Assert.That(norm.Mean[0], Is.EqualTo(0.5f).Within(1e-6));
            Assert.That(norm.Std[0], Is.EqualTo(0.5f).Within(1e-6));
        });
    }

    [Test]
    public void ANonPositiveStdIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Normalization.PerChannel([0.5f], [0f]));

        Assert.That(ex!.Message, Does.Contain("channel 0").And.Contain("std finite and positive"));
    }
}
