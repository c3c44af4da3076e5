using System.Globalization;
using System.Text.Json;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Initialization;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Support;
using TorchSharp;
using LotteryTickets.Masks;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Initialization;

/// <summary>
/// SNIP, GraSP and SynFlow scores and masks computed by the library equal those of an independent PyTorch script
/// (<c>Python/reference_init_scores.py</c>) on the same weights and batch, handed over as safetensors.
/// </summary>
public class ScoringReferenceTests
{
    private const double Temperature = 200;
    private const int Rounds = 20;

    private static readonly SampleShape Shape = new(1, 8, 8);

    private static readonly ImageDataset Data = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 200, Noise = 0.5, Seed = 11 });

    [TestCase(LeNet300100.ZooName, "mlp", 0.1)]
    [TestCase("conv2", "conv", 0.125)]
    public void ScoresAndMasksEqualPytorchs(string zooName, string arch, double width)
    {
        using var folder = new TemporaryFolder();
        using var scope = NewDisposeScope();
        using var model = ModelZoo.Create(zooName, Shape, Data.ClassCount, 5UL, width);
        var layers = PrunableParameters.Select(model);
        var total = layers.Sum(l => l.Count);
        var keep = total / 10;
        var (images, labels) = ClassBalancedBatch.Select(Data, 5, 7).ToTensors();
        SafeTensors.Save(folder.File("weights.safetensors"), model.state_dict());
        SafeTensors.Save(folder.File("batch.safetensors"), new Dictionary<string, Tensor> { ["images"] = images, ["labels"] = labels });

        var snip = SnipScores.Compute(model, images, labels, layers);
        var grasp = GraspScores.Compute(model, images, labels, layers, Temperature);
        var synflow = SynFlowScores.Compute(model, Shape, layers);
        using var g = new Generator(1);
        using var snipMask = ScoreMask.KeepTop(snip, layers, keep, g);
        using var graspMask = ScoreMask.KeepTop(grasp, layers, keep, g);
        using var synflowMask = SynFlowScores.Prune(model, Shape, layers, keep, g, Rounds);

        var output = PythonReference.Run(
            "reference_init_scores.py",
            folder.Path,
            arch,
            keep.ToString(CultureInfo.InvariantCulture),
            Temperature.ToString(CultureInfo.InvariantCulture),
            Rounds.ToString(CultureInfo.InvariantCulture));
        var counts = JsonSerializer.Deserialize<Dictionary<string, long>>(output)!;
        Assert.That(counts, Is.EqualTo(new Dictionary<string, long> { ["snip"] = keep, ["grasp"] = keep, ["synflow"] = keep }));
        var theirs = SafeTensors.Load(folder.File("torch_scores.safetensors"));
        var theirMasks = SafeTensors.Load(folder.File("torch_masks.safetensors"));

        foreach (var layer in layers)
        {
            var name = layer.Name;

            // Same float32 operations on the same libtorch; only the summation order of matrix products may differ
            // between processes (threads), so the scores agree to a few float32 ulps of the largest score.
            AssertClose(snip[name], theirs["snip." + name], 1e-5, $"SNIP {name}");

            // The reference's GraSP score is S = −θ ⊙ Hg; ours is the keep-score −S. Its Hg comes from
            // torch.autograd.functional.hvp (a vjp of a vjp, another graph) in float32, ours from a double backward in
            // float64: they differ by float32 rounding, far below the gaps that decide the mask.
            AssertClose(grasp[name], theirs["grasp." + name].neg(), 1e-4, $"GraSP {name}");

            // float64 on both sides, same operations.
            AssertClose(synflow[name], theirs["synflow." + name], 1e-10, $"SynFlow {name}");

            Assert.That(snipMask[name].IsSameAs(theirMasks["snip." + name]), $"SNIP mask {name}");
            Assert.That(graspMask[name].IsSameAs(theirMasks["grasp." + name]), $"GraSP mask {name}");
            Assert.That(synflowMask[name].IsSameAs(theirMasks["synflow." + name]), $"SynFlow mask {name}");
        }
    }

    /// <summary>|ours − theirs| ≤ relative × max |theirs| over the layer, elementwise.</summary>
    private static void AssertClose(Tensor ours, Tensor theirs, double relative, string what)
    {
        var reference = theirs.to(ScalarType.Float64);
        var scale = reference.abs().max().ToDouble();
        Assert.That(scale, Is.Positive, what + ": the reference scores are all zero, so the comparison would prove nothing");
        var error = ours.to(ScalarType.Float64).sub(reference).abs().max().ToDouble();
        Assert.That(error, Is.LessThanOrEqualTo(relative * scale), what);
    }
}
