using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Supermasks;
using TorchSharp;
using static TorchSharp.torch;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Supermasks;

public class SupermaskTests
{
    private static readonly ImageDataset Blobs = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 640, Noise = 0.8, Seed = 7 });
    private static readonly ImageDataset Train = Blobs.Slice(0, 512, "train");
    private static readonly ImageDataset Test = Blobs.Slice(512, 128, "test");

    [Test]
    public void TheWeightsNeverChangeDuringTrainingButTheScoresDo()
    {
        using var scope = NewDisposeScope();
        using var model = SupermaskTestNetworks.Mlp(16, new Generator(3));
        var before = SupermaskTestNetworks.Snapshot(model);
        using (var supermask = new Supermask(model))
        {
            using var sgd = torch.optim.SGD(supermask.Scores.Values, 50, momentum: 0.9);
            using var g = new Generator(1);
            var (images, labels) = Train.Slice(0, 64).ToTensors();
            for (var i = 0; i < 5; i++)
            {
                supermask.ComputeGradients(images, labels, supermask.SampleMasks(g));
                sgd.step();
                Assert.That(model.state_dict()["fc1.bias"].IsSameAs(before["fc1.bias"]), Is.True, "the biases stay frozen");
            }

            foreach (var (name, w) in supermask.FrozenWeights)
            {
                Assert.That(w.IsSameAs(before[name]), Is.True, name);
                Assert.That(supermask.Scores[name].detach().ne(0).any().ToBoolean(), Is.True, $"the scores of {name} moved");
            }
        }

        foreach (var (name, tensor) in model.state_dict())
        {
            Assert.That(tensor.IsSameAs(before[name]), Is.True, $"{name} is restored");
        }
    }

    [Test]
    public void TheStraightThroughGradientIsDLossDWeffTimesWTimesSigmoidDerivative()
    {
        using var scope = NewDisposeScope();
        var (images, labels, weights, bias, scores, mask, actual) = TinyLayerGradient(dynamicScaling: false);

        var g = WeightGradient(images, labels, weights, bias, mask, scale: 1);
        var expected = new double[weights.Length];
        for (var j = 0; j < weights.Length; j++)
        {
            var p = 1 / (1 + Math.Exp(-scores[j]));
            expected[j] = g[j] * weights[j] * p * (1 - p);
        }

        Assert.That(actual, Is.EqualTo(expected).Within(1e-6));
        Assert.That(expected.Count(e => Math.Abs(e) > 1e-4), Is.GreaterThan(6), "the check is not vacuous");
    }

    [Test]
    public void WithDynamicScalingTheGradientAlsoFlowsThroughTheScale()
    {
        using var scope = NewDisposeScope();
        var (images, labels, weights, bias, scores, mask, actual) = TinyLayerGradient(dynamicScaling: true);

        var ones = mask.Sum();
        var c = mask.Length / ones;
        var g = WeightGradient(images, labels, weights, bias, mask, c);
        var cross = Enumerable.Range(0, weights.Length).Sum(i => g[i] * weights[i] * mask[i]);
        var expected = new double[weights.Length];
        for (var j = 0; j < weights.Length; j++)
        {
            var p = 1 / (1 + Math.Exp(-scores[j]));
            expected[j] = ((c * g[j] * weights[j]) - (c / ones * cross)) * p * (1 - p);
        }

        Assert.That(actual, Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void TheSameSeedGivesTheSameScores()
    {
        using var scope = NewDisposeScope();
        using var a = Train5(seed: 5);
        using var b = Train5(seed: 5);
        using var c = Train5(seed: 6);

        foreach (var name in a.Scores.Keys)
        {
            Assert.That(a.Scores[name].IsSameAs(b.Scores[name]), Is.True, name);
        }

        Assert.That(a.Scores["fc1.weight"].IsSameAs(c.Scores["fc1.weight"]), Is.False);
        Assert.That(a.Sampled.Accuracy, Is.EqualTo(b.Sampled.Accuracy));
    }

    [Test]
    public void RoundedMasksKeepExactlyTheWeightsWhoseProbabilityExceedsOneHalf()
    {
        using var scope = NewDisposeScope();
        using var model = SupermaskTestNetworks.OneLinear(64, 4, new Generator(2));
        using var supermask = new Supermask(model);
        var score = supermask.Scores["fc.weight"];
        var values = Enumerable.Range(0, 256).Select(i => (i % 4) switch { 0 => 0f, 1 => 1e-6f, 2 => -1e-6f, _ => (i % 7) - 3f }).ToArray();
        using (torch.no_grad())
        {
            score.copy_(torch.tensor(values, [4, 64]));
        }

        var expected = values.Select(v => 1 / (1 + Math.Exp(-v)) > 0.5 ? 1f : 0f).ToArray();
        var rounded = supermask.RoundedMasks()["fc.weight"].contiguous().data<float>().ToArray();
        using var mask = supermask.ToMask();

        Assert.That(rounded, Is.EqualTo(expected));
        Assert.That(mask["fc.weight"].contiguous().data<float>().ToArray(), Is.EqualTo(expected));
        Assert.That(mask.Sparsity().Remaining, Is.EqualTo(expected.Count(e => e == 1)));
        var byHand = supermask.Evaluate(Test, new Dictionary<string, Tensor> { ["fc.weight"] = torch.tensor(expected, [4, 64]) });
        var ceil = supermask.Evaluate(Test, new Dictionary<string, Tensor> { ["fc.weight"] = torch.tensor(values.Select(v => v >= 0 ? 1f : 0f).ToArray(), [4, 64]) });
        var viaRounded = supermask.EvaluateRounded(Test);
        Assert.That(viaRounded, Is.EqualTo(byHand));
        Assert.That(viaRounded.Loss, Is.Not.EqualTo(ceil.Loss), "keeping σ(s) = 0.5 would give another network");
    }

    [Test]
    public void ASupermaskOnFrozenRandomWeightsLearnsWellAboveChance()
    {
        using var scope = NewDisposeScope();
        using var model = SupermaskTestNetworks.Mlp(64, new Generator(11));
        var options = new SupermaskOptions { Duration = TrainingDuration.Epochs(15), BatchSize = 32, Seed = 1 };

        using var result = SupermaskTraining.Train(model, Train, Test, options);

        TestContext.Out.WriteLine($"dense {result.Dense.Accuracy}, sampled {result.Sampled.Accuracy}, rounded {result.Rounded.Accuracy}, kept {result.PercentRemaining}%");
        Assert.That(result.Dense.Accuracy, Is.LessThan(0.5), "the frozen random network alone is near chance");
        Assert.That(result.Sampled.Accuracy, Is.GreaterThan(0.7), "chance is 0.25");
        Assert.That(result.Rounded.Accuracy, Is.GreaterThan(0.7));
        Assert.That(result.Sampled.Samples, Has.Count.EqualTo(SupermaskOptions.DefaultEvaluationSamples));
    }

    [Test]
    public void AWeightTransformProducesTheFrozenWeights()
    {
        using var scope = NewDisposeScope();
        using var model = SupermaskTestNetworks.Mlp(8, new Generator(3));
        var before = SupermaskTestNetworks.Snapshot(model);

        using (var supermask = new Supermask(model, new SupermaskOptions { WeightTransform = new NegatedWeights() }))
        {
            Assert.That(supermask.FrozenWeights["fc2.weight"].IsSameAs(before["fc2.weight"].neg()), Is.True);
        }

        Assert.That(model.state_dict()["fc2.weight"].IsSameAs(before["fc2.weight"]), Is.True);
    }

    [Test]
    public void InvalidOptionsAreReportedTogether()
    {
        using var model = SupermaskTestNetworks.OneLinear(4, 2, new Generator(1));
        var options = new SupermaskOptions { Duration = TrainingDuration.Iterations(0), LearningRate = -1, Momentum = 1, EvaluationSamples = 0 };

        var ex = Assert.Throws<ArgumentException>(() => new Supermask(model, options));

        Assert.That(ex!.Message, Does.StartWith(
            "The 'SupermaskOptions' are invalid. Correct the following and try again:" + Environment.NewLine +
            "- 'Duration' is 0it; train for at least one iteration, e.g. TrainingDuration.Epochs(1)." + Environment.NewLine +
            "- 'LearningRate' is -1; it must be a positive finite number." + Environment.NewLine +
            "- 'Momentum' is 1; it must be at least 0 and less than 1." + Environment.NewLine +
            "- 'EvaluationSamples' is 0; it must be at least 1."));
    }

    private static SupermaskResult Train5(ulong seed)
    {
        using var model = SupermaskTestNetworks.Mlp(8, new Generator(3));
        return SupermaskTraining.Train(model, Train, Test, new SupermaskOptions { Duration = TrainingDuration.Iterations(5), BatchSize = 32, Seed = seed, EvaluationSamples = 2 });
    }

    // A 5→3 linear layer with random scores and a fixed mask: returns the inputs, weights and the supermask's score gradient, as doubles.
    private static (double[,] Images, int[] Labels, double[] Weights, double[] Bias, double[] Scores, double[] Mask, double[] Gradient) TinyLayerGradient(bool dynamicScaling)
    {
        using var model = SupermaskTestNetworks.OneLinear(5, 3, new Generator(4));
        using var supermask = new Supermask(model, new SupermaskOptions { DynamicScaling = dynamicScaling });
        using var g = new Generator(8);
        var scoreTensor = supermask.Scores["fc.weight"];
        using (torch.no_grad())
        {
            scoreTensor.copy_(torch.randn([3, 5], generator: g));
        }

        var images = torch.randn([6, 5], generator: g);
        int[] labels = [0, 2, 1, 1, 0, 2];
        float[] maskValues = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1];
        supermask.ComputeGradients(images, torch.tensor(labels.Select(l => (long)l).ToArray(), [6]), new Dictionary<string, Tensor> { ["fc.weight"] = torch.tensor(maskValues, [3, 5]) });

        var x = images.contiguous().data<float>().ToArray();
        var x2 = new double[6, 5];
        for (var n = 0; n < 6; n++)
        {
            for (var k = 0; k < 5; k++)
            {
                x2[n, k] = x[(n * 5) + k];
            }
        }

        static double[] D(Tensor t) => t.detach().contiguous().data<float>().ToArray().Select(v => (double)v).ToArray();
        return (x2, labels, D(supermask.FrozenWeights["fc.weight"]), D(model.state_dict()["fc.bias"]), D(scoreTensor), maskValues.Select(v => (double)v).ToArray(), D(scoreTensor.grad!));
    }

    // dL/dW_eff for logits = x (c·W⊙m)ᵀ + b and the mean cross-entropy, by hand: (softmax − onehot)ᵀ x / N.
    private static double[] WeightGradient(double[,] x, int[] labels, double[] w, double[] b, double[] m, double scale)
    {
        int n = x.GetLength(0), inputs = x.GetLength(1), outputs = b.Length;
        var grad = new double[outputs * inputs];
        for (var s = 0; s < n; s++)
        {
            var logits = new double[outputs];
            for (var o = 0; o < outputs; o++)
            {
                logits[o] = b[o];
                for (var k = 0; k < inputs; k++)
                {
                    logits[o] += x[s, k] * scale * w[(o * inputs) + k] * m[(o * inputs) + k];
                }
            }

            var max = logits.Max();
            var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
            var sum = exp.Sum();
            for (var o = 0; o < outputs; o++)
            {
                var d = ((exp[o] / sum) - (o == labels[s] ? 1 : 0)) / n;
                for (var k = 0; k < inputs; k++)
                {
                    grad[(o * inputs) + k] += d * x[s, k];
                }
            }
        }

        return grad;
    }
}
