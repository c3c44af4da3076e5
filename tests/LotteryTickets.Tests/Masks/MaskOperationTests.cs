using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;
using static LotteryTickets.Tests.Support.Layers;
using LotteryTickets.Results;
using LotteryTickets.Native;
using LotteryTickets.Serialization;

namespace LotteryTickets.Tests.Masks;

public class MaskOperationTests
{
    private static Mask Make(float[] fc1, float[] fc2)
    {
        using var scope = NewDisposeScope();
        return Mask.Create(new Dictionary<string, Tensor> { ["fc1.weight"] = T(fc1, 2, 3), ["fc2.weight"] = T(fc2, 1, 2) }, TwoLayers());
    }

    [Test]
    public void ADenseMaskKeepsEveryWeight()
    {
        using var mask = Mask.Dense(TwoLayers());
        var report = mask.Sparsity();

        Assert.That(report.Total, Is.EqualTo(8));
        Assert.That(report.Remaining, Is.EqualTo(8));
        Assert.That(report.PercentRemaining, Is.EqualTo(100));
    }

    [Test]
    public void TheSparsityReportCountsEachLayerAndTheWhole()
    {
        using var mask = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        var report = mask.Sparsity();

        Assert.Multiple(() =>
        {
            Assert.That(report["fc1.weight"].Remaining, Is.EqualTo(3));
            Assert.That(report["fc1.weight"].Pruned, Is.EqualTo(3));
            Assert.That(report["fc1.weight"].PercentRemaining, Is.EqualTo(50));
            Assert.That(report["fc2.weight"].FractionRemaining, Is.EqualTo(0.5));
            Assert.That(report.Remaining, Is.EqualTo(4));
            Assert.That(report.Total, Is.EqualTo(8));
            Assert.That(report.Sparsity, Is.EqualTo(0.5));
            Assert.That(report.ToString(), Does.Contain("fc1.weight").And.Contain("50.00"));
        });
    }

    [Test]
    public void UnionAndIntersectionAreElementwiseOrAndAnd()
    {
        using var a = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        using var b = Make([1, 1, 0, 0, 1, 0], [0, 0]);
        using var union = a.Union(b);
        using var intersection = a.Intersection(b);

        Assert.That(Floats(union["fc1.weight"]), Is.EqualTo(new float[] { 1, 1, 0, 1, 1, 0 }));
        Assert.That(Floats(union["fc2.weight"]), Is.EqualTo(new float[] { 0, 1 }));
        Assert.That(Floats(intersection["fc1.weight"]), Is.EqualTo(new float[] { 1, 0, 0, 0, 1, 0 }));
        Assert.That(Floats(intersection["fc2.weight"]), Is.EqualTo(new float[] { 0, 0 }));
    }

    [Test]
    public void JaccardIsIntersectionOverUnionPerLayerAndOverall()
    {
        using var a = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        using var b = Make([1, 1, 0, 0, 1, 0], [0, 0]);

        var overlap = a.Jaccard(b);

        Assert.Multiple(() =>
        {
            Assert.That(overlap["fc1.weight"].Intersection, Is.EqualTo(2));
            Assert.That(overlap["fc1.weight"].Union, Is.EqualTo(4));
            Assert.That(overlap["fc1.weight"].Jaccard, Is.EqualTo(0.5));
            Assert.That(overlap["fc2.weight"].Jaccard, Is.EqualTo(0.0));
            Assert.That(overlap.Jaccard, Is.EqualTo(2.0 / 5.0));
        });
    }

    [Test]
    public void TwoFullyPrunedLayersOverlapCompletely()
    {
        using var a = Make([1, 0, 0, 1, 1, 0], [0, 0]);
        using var b = Make([1, 0, 0, 1, 1, 0], [0, 0]);

        Assert.That(a.Jaccard(b)["fc2.weight"].Jaccard, Is.EqualTo(1.0));
        Assert.That(a.Jaccard(b).Jaccard, Is.EqualTo(1.0));
    }

    [Test]
    public void MasksOfDifferentModelsCannotBeCombined()
    {
        using var a = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        using var b = Mask.Dense([Linear("fc1.weight", 2, 3)]);

        var e = Assert.Throws<ArgumentException>(() => a.Union(b))!;

        Assert.That(e.Message, Does.StartWith(
            "The masks cover different layers: this one has 'fc1.weight [2, 3]', 'fc2.weight [1, 2]', the other 'fc1.weight [2, 3]'. Combine masks of the same model."));
    }

    [Test]
    public void ContentEqualityComparesValuesNamesAndShapes()
    {
        using var a = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        using var same = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        using var other = Make([1, 0, 0, 1, 1, 0], [1, 1]);
        using var fewer = Mask.Dense([Linear("fc1.weight", 2, 3)]);

        Assert.That(a.ContentEquals(same), Is.True);
        Assert.That(a.ContentEquals(other), Is.False);
        Assert.That(a.ContentEquals(fewer), Is.False);
        Assert.That(a.ContentEquals(null), Is.False);
    }

    [Test]
    public void SavingAndLoadingKeepsNamesValuesKindsAndTheOutputLayer()
    {
        using var folder = new TemporaryFolder();
        using var mask = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        var path = folder.File("mask.safetensors");

        mask.Save(path);
        using var loaded = Mask.Load(path);

        Assert.That(loaded.ContentEquals(mask), Is.True);
        Assert.That(loaded.Layers, Is.EqualTo(mask.Layers).Using<PrunableLayer>((x, y) =>
            x.Name == y.Name && x.Kind == y.Kind && x.IsOutput == y.IsOutput && x.Shape.SequenceEqual(y.Shape)));
    }

    [Test]
    public void TheSavedFileHoldsTheWeightNamesAsFloat32Tensors()
    {
        using var folder = new TemporaryFolder();
        using var mask = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        var path = folder.File("mask.safetensors");
        mask.Save(path);

        using var scope = NewDisposeScope();
        var raw = SafeTensors.Load(path);

        Assert.That(raw.Keys, Is.EquivalentTo(new[] { "fc1.weight", "fc2.weight" }));
        Assert.That(raw["fc1.weight"].dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(Floats(raw["fc1.weight"]), Is.EqualTo(new float[] { 1, 0, 0, 1, 1, 0 }));
    }

    [Test]
    public void LoadingChecksTheFileAgainstTheGivenLayers()
    {
        using var folder = new TemporaryFolder();
        using var mask = Make([1, 0, 0, 1, 1, 0], [0, 1]);
        var path = folder.File("mask.safetensors");
        mask.Save(path);

        var e = Assert.Throws<ArgumentException>(() => Mask.Load(path, [Linear("fc1.weight", 3, 2)]))!;

        Assert.That(e.Message, Does.Contain("'fc1.weight' has shape [2, 3] but the layer has shape [3, 2]"));
        Assert.That(e.Message, Does.Contain("'fc2.weight' names no prunable layer"));
    }

    [Test]
    public void AFileOfPlainTensorsLoadsWithInferredLayers()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("plain.safetensors");
        using (var scope = NewDisposeScope())
        {
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a"] = T([1, 0, 1, 1], 2, 2), ["b"] = T([0, 1], 1, 2) });
        }

        using var mask = Mask.Load(path);

        Assert.That(mask.Layers.Select(l => l.Kind), Is.All.EqualTo(LayerKind.Other));
        Assert.That(mask.Layers.Count(l => l.IsOutput), Is.EqualTo(1));
        Assert.That(mask.Sparsity().Remaining, Is.EqualTo(4));
    }
}
