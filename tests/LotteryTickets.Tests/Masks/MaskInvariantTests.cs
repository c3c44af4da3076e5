using LotteryTickets.Masks;
using TorchSharp;
using static TorchSharp.torch;
using static LotteryTickets.Tests.Support.Layers;

namespace LotteryTickets.Tests.Masks;

public class MaskInvariantTests
{
    [Test]
    public void AValueOtherThanZeroOrOneIsRejectedNamingTheTensor()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc1.weight"] = T([1, 0, 0.5f, 1, 1, 2], 2, 3),
            ["fc2.weight"] = T([1, 0], 1, 2),
        };

        var e = Assert.Throws<ArgumentException>(() => Mask.Create(tensors, TwoLayers()))!;

        Assert.That(e.Message, Does.StartWith(
            "The mask is invalid." + Environment.NewLine +
            "- The mask tensor 'fc1.weight' holds 2 value(s) other than 0 and 1 (the first is 0.5); a mask may hold only 0 and 1. Threshold or round it before building the mask."));
    }

    [Test]
    public void ANanValueIsRejected()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc1.weight"] = T([1, 0, float.NaN, 1, 1, 1], 2, 3),
            ["fc2.weight"] = T([1, 0], 1, 2),
        };

        var e = Assert.Throws<ArgumentException>(() => Mask.Create(tensors, TwoLayers()))!;

        Assert.That(e.Message, Does.Contain("'fc1.weight' holds 1 value(s) other than 0 and 1 (the first is NaN)"));
    }

    [Test]
    public void AWrongShapeIsRejectedNamingTheTensorAndBothShapes()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc1.weight"] = T([1, 0, 1, 1, 1, 1], 3, 2),
            ["fc2.weight"] = T([1, 0], 1, 2),
        };

        var e = Assert.Throws<ArgumentException>(() => Mask.Create(tensors, TwoLayers()))!;

        Assert.That(e.Message, Does.Contain(
            "- The mask tensor 'fc1.weight' has shape [3, 2] but the layer has shape [2, 3]; give it the layer's shape."));
    }

    [Test]
    public void UnknownAndMissingNamesAreAllReportedAtOnce()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc1.weight"] = T([1, 0, 1, 1, 1, 1], 2, 3),
            ["fc9.weight"] = T([1, 0], 1, 2),
        };

        var e = Assert.Throws<ArgumentException>(() => Mask.Create(tensors, TwoLayers()))!;

        Assert.That(e.Message, Is.EqualTo(
            "The mask is invalid." + Environment.NewLine +
            "- The mask tensor 'fc9.weight' names no prunable layer; the prunable layers are 'fc1.weight', 'fc2.weight'. Remove it or add the layer." + Environment.NewLine +
            "- The mask has no tensor for the prunable layer 'fc2.weight'; give every prunable layer a mask tensor (Mask.Dense gives all ones)." +
            " (Parameter 'tensors')"));
    }

    [Test]
    public void ARejectedMaskLeaksNoTensors()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc1.weight"] = T([1, 0, 3, 1, 1, 1], 2, 3),
            ["fc2.weight"] = T([1, 0], 1, 2),
        };
        var before = Native.Engine.LiveTensorCount;

        Assert.Throws<ArgumentException>(() => Mask.Create(tensors, TwoLayers()));

        Assert.That(Native.Engine.LiveTensorCount, Is.EqualTo(before));
    }

    [Test]
    public void TheMaskCopiesItsInputAndStoresFloat32InLayerOrder()
    {
        using var scope = NewDisposeScope();
        var input = T([1, 0], 1, 2).to(ScalarType.Int64);
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc2.weight"] = input,
            ["fc1.weight"] = T([1, 0, 1, 1, 1, 1], 2, 3),
        };
        using var mask = Mask.Create(tensors, TwoLayers());

        input.fill_(0);

        Assert.That(mask.Names, Is.EqualTo(new[] { "fc1.weight", "fc2.weight" }));
        Assert.That(mask["fc2.weight"].dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(Floats(mask["fc2.weight"]), Is.EqualTo(new float[] { 1, 0 }));
    }

    [Test]
    public void DisposingTheMaskReleasesItsTensors()
    {
        var before = Native.Engine.LiveTensorCount;
        var mask = Mask.Dense(TwoLayers());
        Assert.That(Native.Engine.LiveTensorCount, Is.EqualTo(before + 2));

        mask.Dispose();

        Assert.That(Native.Engine.LiveTensorCount, Is.EqualTo(before));
        Assert.Throws<ObjectDisposedException>(() => _ = mask["fc1.weight"]);
    }
}
