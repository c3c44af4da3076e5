using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Initialization;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using TorchSharp;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>
/// SNIP, GraSP and SynFlow scores of a zoo model computed on a chosen device, in float64 (so that cuDNN's TF32
/// convolutions, allowed by default on recent GPUs, play no part) on the batch of <c>ScoringReferenceTests</c>.
/// </summary>
internal static class DeviceScoring
{
    private static readonly SampleShape Shape = new(1, 8, 8);

    private static readonly ImageDataset Data = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 200, Noise = 0.5, Seed = 11 });

    /// <summary>The scores by <c>method.layer</c> (<c>snip.fc1.weight</c>, …), copied to the CPU, and whether every score tensor was on <paramref name="device"/>.</summary>
    public static (SortedDictionary<string, double[]> Scores, bool OnDevice) Compute(string zooName, double width, Device device)
    {
        using var scope = torch.NewDisposeScope();
        using var model = ModelZoo.Create(zooName, Shape, Data.ClassCount, 5UL, width);
        model.to(ScalarType.Float64);
        model.to(device);
        var layers = PrunableParameters.Select(model);
        var (images, labels) = ClassBalancedBatch.Select(Data, 5, 7).ToTensors(device);
        var batch = images.to(ScalarType.Float64);
        var methods = new Dictionary<string, IReadOnlyDictionary<string, Tensor>>
        {
            ["snip"] = SnipScores.Compute(model, batch, labels, layers),
            ["grasp"] = GraspScores.Compute(model, batch, labels, layers),
            ["synflow"] = SynFlowScores.Compute(model, Shape, layers),
        };
        var scores = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        var onDevice = true;
        foreach (var (method, byLayer) in methods)
        {
            foreach (var layer in layers)
            {
                var score = byLayer[layer.Name];
                onDevice &= score.device.type == device.type;
                scores[$"{method}.{layer.Name}"] = score.to(torch.CPU).to(ScalarType.Float64).contiguous().data<double>().ToArray();
            }
        }

        return (scores, onDevice);
    }

    /// <summary>
    /// The worst difference between two sets of scores, each layer's measured against its largest score
    /// (max |a − b| / max |a|), with its key.
    /// </summary>
    public static (string Key, double Relative) WorstDifference(SortedDictionary<string, double[]> expected, SortedDictionary<string, double[]> actual)
    {
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys));
        return expected.Keys
            .Select(k =>
            {
                var (e, a) = (expected[k], actual[k]);
                Assert.That(a, Has.Length.EqualTo(e.Length), k);
                var scale = e.Max(Math.Abs);
                var worst = e.Zip(a, (x, y) => Math.Abs(x - y)).Max();
                return (Key: k, Relative: scale > 0 ? worst / scale : worst);
            })
            .MaxBy(d => d.Relative);
    }
}
