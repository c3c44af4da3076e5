using System.Globalization;
using System.Text.Json;
using LotteryTickets.Analysis.Instability;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Masks;
using LotteryTickets.Tests.Support;
using LotteryTickets.Tests.Training;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;
using TemporaryFolder = LotteryTickets.Tests.Support.TemporaryFolder;

namespace LotteryTickets.Tests.Analysis.Instability;

/// <summary>
/// An independent check of the instability analysis: two copies are trained from one start with two data orders, the
/// path between them is evaluated and stored (<c>path.json</c>), and PyTorch (<c>Python/reference_instability.py</c>)
/// recomputes every point from the stored copies — interpolation, mask, batch-norm statistics on the same batches,
/// evaluation — and must find the same errors (and losses to float precision).
/// </summary>
public sealed class InstabilityPytorchReferenceTests
{
    private const int Points = 11;
    private const int EvaluationBatch = 20;
    private const int BatchNormBatches = 3;
    private const int BatchNormBatchSize = 32;
    private const ulong BatchNormSeed = 99;

    [TestCase("mlp")]
    [TestCase("bnconv")]
    public void AStoredPathsErrorsEqualThoseRecomputedInPyTorch(string architecture)
    {
        using var folder = new TemporaryFolder();
        using var scope = NewDisposeScope();
        Func<nn.Module<Tensor, Tensor>> create = architecture == "mlp" ? () => PlainMlp.Create(4) : () => new BatchNormConvNet(4);
        using var start = create();
        using var mask = architecture == "mlp" ? InstabilityTestData.HalfOfFc1(start) : Mask.Dense(start);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Iterations(40);
        options.LearningRate = 0.5;
        var training = new InstabilityTraining
        {
            ModelFactory = _ => create(),
            StartWeights = start.state_dict(),
            Mask = mask,
            Training = options,
            TrainingSet = TinyTask.Train,
            ValidationSet = TinyTask.Validation,
            TestSet = TinyTask.Test,
        };
        var copyA = folder.File("copy_a");
        var copyB = folder.File("copy_b");
        using (training.TrainPair(StabilitySeeds.Derive(17), copyA, copyB))
        {
        }

        var a = SafeTensors.Load(Path.Combine(copyA, InstabilityTraining.FinalFileName));
        var b = SafeTensors.Load(Path.Combine(copyB, InstabilityTraining.FinalFileName));
        var evaluated = LinearModeConnectivity.Evaluate(a, b, create, TinyTask.Test, Points, new InterpolationOptions
        {
            EvaluationBatchSize = EvaluationBatch,
            Mask = mask,
            BatchNormBatches = BatchNormBatches,
            BatchNormBatchSize = BatchNormBatchSize,
            BatchNormSeed = BatchNormSeed,
            BatchNormData = TinyTask.Train,
        });
        InterpolationPathJson.Save(evaluated, folder.File("path.json"));
        var stored = InterpolationPathJson.Read(folder.File("path.json"));
        Export(folder, a, b, architecture == "mlp" ? mask : null);

        using var reference = JsonDocument.Parse(PythonReference.Run(
            "reference_instability.py", architecture, folder.Path, Points.ToString(CultureInfo.InvariantCulture), EvaluationBatch.ToString(CultureInfo.InvariantCulture)));

        var points = reference.RootElement.EnumerateArray().ToList();
        Assert.That(points, Has.Count.EqualTo(stored.Points.Count));
        for (var i = 0; i < points.Count; i++)
        {
            var count = points[i].GetProperty("count").GetInt32();
            var point = stored.Points[i];
            Assert.That(point.Alpha, Is.EqualTo(points[i].GetProperty("alpha").GetDouble()), $"alpha at point {i}");
            Assert.That(Math.Round(point.Error * count), Is.EqualTo(points[i].GetProperty("wrong").GetInt32()), $"{architecture}: misclassified at α = {point.Alpha}");
            Assert.That(point.Error, Is.EqualTo(points[i].GetProperty("wrong").GetInt32() / (double)count).Within(1e-12));
            Assert.That(point.Loss, Is.EqualTo(points[i].GetProperty("loss").GetDouble()).Within(1e-6), $"{architecture}: loss at α = {point.Alpha}");
        }

        // The copies trained apart, so the check covers more than one network.
        Assert.That(a.Any(kv => !TinyTask.SameBits(kv.Value, b[kv.Key])), Is.True);
    }

    /// <summary>The copies, the test set, the batch-norm batches the analysis draws (a loader as <see cref="BatchNormStatistics"/> makes) and the mask, as safetensors.</summary>
    private static void Export(TemporaryFolder folder, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b, Mask? mask)
    {
        SafeTensors.Save(folder.File("a.safetensors"), a);
        SafeTensors.Save(folder.File("b.safetensors"), b);
        var (images, labels) = TinyTask.Test.ToTensors();
        var data = new Dictionary<string, Tensor> { ["images"] = images, ["labels"] = labels.to(ScalarType.Int64) };
        var loader = new DataLoader(TinyTask.Train, new DataLoaderOptions { BatchSize = BatchNormBatchSize, Shuffle = true, Seed = BatchNormSeed });
        for (var i = 0; i < BatchNormBatches; i++)
        {
            using var batch = loader.Next();
            data[$"bn.{i}"] = batch.Images.clone();
        }

        SafeTensors.Save(folder.File("data.safetensors"), data);
        if (mask is not null)
        {
            SafeTensors.Save(folder.File("mask.safetensors"), mask.ToTensors());
        }
    }
}
