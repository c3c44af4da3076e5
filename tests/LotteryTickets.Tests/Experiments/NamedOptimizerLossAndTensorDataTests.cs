using LotteryTickets.Datasets;
using LotteryTickets.Serialization;
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Results;
using LotteryTickets.Tests.Support;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Experiments;

public class NamedOptimizerLossAndTensorDataTests
{
    [Test]
    public void DataGivenAsTensorsIsIdentifiedByItsContentsLikeAnyDataInMemory()
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = TinyExperiment.Splits.Train.ToTensors();
        var floats = images.contiguous().data<float>().ToArray();
        var classes = labels.data<long>().Select(l => (int)l).ToArray();
        var fromTensors = TensorDatasets.FromTensors(images, labels, "train");
        var same = ImageDataset.FromFloats("other name", [.. floats], fromTensors.SampleShape, classes, fromTensors.ClassCount);
        floats[17] += 1e-3f;
        var changed = ImageDataset.FromFloats("train", floats, fromTensors.SampleShape, classes, fromTensors.ClassCount);

        string Hash(ImageDataset train) => TinyExperiment.Builder("store")
            .WithData(new DatasetSplits(train, TinyExperiment.Splits.Validation, TinyExperiment.Splits.Test))
            .Build().Hash;

        Assert.That(Hash(fromTensors), Is.EqualTo(Hash(same)));
        Assert.That(Hash(changed), Is.Not.EqualTo(Hash(same)));
    }

    [Test]
    public void AnExperimentTrainsWithRmsPropAndReportsTheMseOfItsStoredWeights()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1)
            .WithOptimizer("rmsprop(alpha=0.9, momentum=0.5, learningRate=0.001)")
            .WithLoss("mse")
            .Build();

        var result = plan.Run();

        Assert.That(plan.Description, Does.Contain("\"loss\":\"MeanSquaredError\"").And.Contain("\"optimizer\":\"RmsProp\""));
        Assert.That((plan.Training.Optimizer, plan.Training.Alpha, plan.Training.Momentum, plan.Training.LearningRate), Is.EqualTo((OptimizerKind.RmsProp, 0.9, 0.5, 0.001)));
        var dense = result.Runs.Single(r => r.Key.Level == 0 && r.Key.Branch == RunKey.MainBranch).Metrics.Final;
        var (mse, crossEntropy, accuracy) = Evaluate(plan.Layout.Run(0, 0, RunKey.MainBranch).FinalFile, TinyExperiment.Splits.Validation!);
        Assert.That(dense.ValidationLoss, Is.EqualTo(mse).Within(1e-6), "the reported loss is the MSE against one-hot targets");
        Assert.That(dense.ValidationLoss, Is.Not.EqualTo(crossEntropy).Within(1e-3));
        Assert.That(dense.ValidationAccuracy, Is.EqualTo(accuracy), "accuracy is the largest output's class");
    }

    private static (double Mse, double CrossEntropy, double Accuracy) Evaluate(string weights, ImageDataset data)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(0);
        using var model = TinyExperiment.CreateModel(generator);
        StateDicts.Load(model, SafeTensors.Load(weights));
        model.eval();
        using var noGrad = torch.no_grad();
        var (images, labels) = data.ToTensors();
        var outputs = model.call(images).to(ScalarType.Float64);
        var targets = nn.functional.one_hot(labels, outputs.shape[1]).to(ScalarType.Float64);
        var mse = outputs.sub(targets).square().mean().ToDouble();
        var crossEntropy = nn.functional.cross_entropy(outputs, labels).ToDouble();
        var accuracy = outputs.argmax(1).eq(labels).to(ScalarType.Float64).mean().ToDouble();
        return (mse, crossEntropy, accuracy);
    }
}
