using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Tests;

public class TensorDatasetsTests
{
    [Test]
    public void TensorsBecomeAnImageDatasetWithTheSameValuesLabelsAndShape()
    {
        using var scope = torch.NewDisposeScope();
        var inputs = torch.arange(2 * 3 * 2 * 2, ScalarType.Float32).reshape(2, 3, 2, 2).div(10);
        var labels = torch.tensor(new long[] { 4, 1 });

        var dataset = TensorDatasets.FromTensors(inputs, labels, "pair");

        Assert.Multiple(() =>
        {
            Assert.That(dataset.SampleShape, Is.EqualTo(new SampleShape(3, 2, 2)));
            Assert.That(dataset.Count, Is.EqualTo(2));
            Assert.That(dataset.ClassCount, Is.EqualTo(5), "the largest label + 1");
            Assert.That(dataset.Labels.ToArray(), Is.EqualTo(new[] { 4, 1 }));
            Assert.That(dataset.FloatPixels.ToArray(), Is.EqualTo(inputs.reshape(-1).data<float>().ToArray()));
            Assert.That(dataset.HasBytePixels, Is.False);
        });
    }

    [Test]
    public void BytesStayBytesAndFlatOrTwoDimensionalSamplesGetOneChannel()
    {
        using var scope = torch.NewDisposeScope();
        var bytes = TensorDatasets.FromTensors(torch.tensor(new byte[] { 0, 255, 51, 102 }).reshape(2, 2), torch.tensor(new[] { 0, 1 }), "flat", classCount: 10);
        var images = TensorDatasets.FromTensors(torch.zeros(3, 4, 5, ScalarType.Float64), torch.zeros(3, ScalarType.Int64), "gray");

        Assert.Multiple(() =>
        {
            Assert.That(bytes.SampleShape, Is.EqualTo(new SampleShape(1, 1, 2)));
            Assert.That(bytes.ClassCount, Is.EqualTo(10));
            Assert.That(bytes.BytePixels.ToArray(), Is.EqualTo(new byte[] { 0, 255, 51, 102 }));
            Assert.That(images.SampleShape, Is.EqualTo(new SampleShape(1, 4, 5)));
            Assert.That(images.HasBytePixels, Is.False);
        });
        var (image, _) = bytes.ToTensors();
        Assert.That(image[0].data<float>().ToArray(), Is.EqualTo(new[] { 0f, 1f }), "bytes are read as value / 255");
    }

    [Test]
    public void ADatasetOfDataAndLabelItemsIsReadInIndexOrder()
    {
        using var scope = torch.NewDisposeScope();
        using var source = new Items(5, i => new() { ["data"] = torch.full(1, 2, 2, i, ScalarType.Float32), ["label"] = torch.tensor((long)(i % 3)) });

        var dataset = TensorDatasets.FromDataset(source, "items");

        Assert.Multiple(() =>
        {
            Assert.That(dataset.SampleShape, Is.EqualTo(new SampleShape(1, 2, 2)));
            Assert.That(dataset.Labels.ToArray(), Is.EqualTo(new[] { 0, 1, 2, 0, 1 }));
            Assert.That(dataset.ClassCount, Is.EqualTo(3));
            Assert.That(dataset.FloatPixels.ToArray(), Is.EqualTo(Enumerable.Range(0, 5).SelectMany(i => Enumerable.Repeat((float)i, 4)).ToArray()));
        });
    }

    [Test]
    public void WhatIsWrongWithTensorsIsNamed()
    {
        using var scope = torch.NewDisposeScope();
        var inputs = torch.zeros(3, 4);

        Assert.Multiple(() =>
        {
            Assert.That(
                Assert.Throws<ArgumentException>(() => TensorDatasets.FromTensors(inputs, torch.zeros(2, ScalarType.Int64), "x"))!.Message,
                Does.StartWith("The inputs of 'x' hold 3 samples but its labels have shape [2]; give one label per sample (a tensor of 3 elements)."));
            Assert.That(
                Assert.Throws<ArgumentException>(() => TensorDatasets.FromTensors(inputs, torch.zeros(3), "x"))!.Message,
                Does.StartWith("The labels of 'x' are Float32; give whole numbers (Int64, Int32, …), one class index per sample."));
            Assert.That(
                Assert.Throws<ArgumentException>(() => TensorDatasets.FromTensors(torch.zeros(3, ScalarType.Int64), torch.zeros(3, ScalarType.Int64), "x"))!.Message,
                Does.StartWith("The inputs of 'x' have shape [3]; give samples of shape C×H×W, H×W or D (each dimension at least 1)."));
            Assert.That(
                Assert.Throws<ArgumentException>(() => TensorDatasets.FromTensors(torch.zeros(3, 4, ScalarType.Int32), torch.zeros(3, ScalarType.Int64), "x"))!.Message,
                Does.StartWith("The inputs of 'x' are Int32; give floating-point values (Float32, Float64, …) or bytes (UInt8)."));
            Assert.That(
                Assert.Throws<ArgumentException>(() => TensorDatasets.FromTensors(inputs, torch.tensor(new long[] { 0, -1, 2 }), "x"))!.Message,
                Does.StartWith("Label 1 of 'x' is negative or too large; class labels are 0, 1, …, classes − 1."));
            Assert.Throws<ArgumentException>(() => TensorDatasets.FromTensors(inputs, torch.tensor(new long[] { 0, 1, 2 }), "x", classCount: 2));
        });
    }

    [Test]
    public void WhatIsWrongWithAnItemIsNamed()
    {
        using var scope = torch.NewDisposeScope();
        using var noLabel = new Items(2, i => new() { ["data"] = torch.zeros(4), ["target"] = torch.tensor(0L) });
        using var shapes = new Items(3, i => new() { ["data"] = torch.zeros(i == 2 ? 5 : 4), ["label"] = torch.tensor(0L) });
        using var floatLabel = new Items(2, i => new() { ["data"] = torch.zeros(4), ["label"] = torch.tensor(i == 1 ? 0.5f : 0f) });

        Assert.Multiple(() =>
        {
            Assert.That(
                Assert.Throws<ArgumentException>(() => TensorDatasets.FromDataset(noLabel, "d"))!.Message,
                Does.StartWith("Item 0 of 'd' has no 'label' tensor (its keys: 'data', 'target'); give items with a 'data' and a 'label' tensor."));
            Assert.That(
                Assert.Throws<ArgumentException>(() => TensorDatasets.FromDataset(shapes, "d"))!.Message,
                Does.StartWith("The data of item 2 of 'd' is Float32 of shape [5], but item 0's is Float32 of shape [4]; give every item data of the same shape and type."));
            Assert.That(
                Assert.Throws<ArgumentException>(() => TensorDatasets.FromDataset(floatLabel, "d"))!.Message,
                Does.StartWith("The label of item 0 of 'd' is Float32 of shape []; give one whole number (the class index) per item."));
        });
    }

    private sealed class Items(long count, Func<long, Dictionary<string, Tensor>> item) : torch.utils.data.Dataset
    {
        public override long Count => count;

        public override Dictionary<string, Tensor> GetTensor(long index) => item(index);
    }
}
