using LotteryTickets.Datasets;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training;

public class LossTests
{
    private const int Samples = 5, Inputs = 4, Classes = 3;
    private const double Rate = 0.5;

    private static readonly double[] X = [0.5, -1, 0.25, 2, 1.5, 0.75, -0.5, 0, -2, 1, 1, -0.25, 0.125, 0.5, -1.5, 1, 0, 2, 0.5, -0.75];
    private static readonly int[] Y = [0, 2, 1, 1, 2];
    private static readonly double[] W0 = [0.1, -0.2, 0.3, 0.05, -0.15, 0.25, 0.1, -0.3, 0.2, 0.05, -0.1, 0.15];
    private static readonly double[] B0 = [0.01, -0.02, 0.03];

    [Test]
    public void MeanSquaredErrorTrainsAndReportsTheMeanOverSamplesAndClassesAgainstOneHotTargets()
    {
        var data = ImageDataset.FromFloats("tiny", [.. X.Select(v => (float)v)], new SampleShape(1, 2, 2), Y, Classes);
        using var model = Linear();
        var layer = (TorchSharp.Modules.Linear)model.children().Last();
        using var trainer = new Trainer(model, data, data, data, new TrainingOptions
        {
            Duration = TrainingDuration.Iterations(1),
            BatchSize = Samples,
            Shuffle = false,
            LearningRate = Rate,
            Loss = LossKind.MeanSquaredError,
        });

        var result = trainer.Run();

        var (loss0, accuracy0, gradW, gradB) = HandComputed(W0, B0);
        double[] w1 = [.. W0.Select((w, i) => w - (Rate * gradW[i]))];
        double[] b1 = [.. B0.Select((b, i) => b - (Rate * gradB[i]))];
        var (loss1, accuracy1, _, _) = HandComputed(w1, b1);
        Assert.Multiple(() =>
        {
            Assert.That(result.Evaluations.Select(e => e.Iteration), Is.EqualTo(new long[] { 0, 1 }));
            Assert.That(result.Evaluations[0].ValidationLoss, Is.EqualTo(loss0).Within(1e-6), "the loss of the initial weights");
            Assert.That(result.Evaluations[0].ValidationAccuracy, Is.EqualTo(accuracy0), "accuracy is the largest output's class");
            Assert.That(result.Evaluations[1].TrainLoss, Is.EqualTo(loss0).Within(1e-6), "the training step minimized the same loss");
            Assert.That(result.Evaluations[1].TestLoss, Is.EqualTo(loss1).Within(1e-6));
            Assert.That(result.Evaluations[1].TestAccuracy, Is.EqualTo(accuracy1));
            Assert.That(Values(layer.weight!), Is.EqualTo(w1).Within(1e-6), "one SGD step on the hand-computed gradient");
            Assert.That(Values(layer.bias!), Is.EqualTo(b1).Within(1e-6));
        });
        Assert.That(loss1, Is.LessThan(loss0));
    }

    [Test]
    public void CrossEntropyStaysTheDefaultAndDiffersFromMeanSquaredError()
    {
        var data = ImageDataset.FromFloats("tiny", [.. X.Select(v => (float)v)], new SampleShape(1, 2, 2), Y, Classes);
        var losses = new List<double>();
        foreach (var loss in new[] { LossKind.CrossEntropy, LossKind.MeanSquaredError })
        {
            using var model = Linear();
            using var trainer = new Trainer(model, data, data, data, new TrainingOptions { Duration = TrainingDuration.Iterations(0), Loss = loss });
            losses.Add(trainer.Run().Evaluations[0].ValidationLoss);
        }

        var expected = Enumerable.Range(0, Samples).Average(n =>
        {
            var outputs = Outputs(W0, B0, n);
            return Math.Log(outputs.Sum(Math.Exp)) - outputs[Y[n]];
        });
        Assert.That(new TrainingOptions().Loss, Is.EqualTo(LossKind.CrossEntropy));
        Assert.That(losses[0], Is.EqualTo(expected).Within(1e-6));
        Assert.That(losses[1], Is.EqualTo(HandComputed(W0, B0).Loss).Within(1e-6));
    }

    private static nn.Module<Tensor, Tensor> Linear()
    {
        var layer = nn.Linear(Inputs, Classes);
        var model = nn.Sequential(nn.Flatten(), layer);
        using var noGrad = torch.no_grad();
        layer.weight!.copy_(torch.tensor(W0, [Classes, Inputs]));
        layer.bias!.copy_(torch.tensor(B0));
        return model;
    }

    private static double[] Outputs(double[] w, double[] b, int n) =>
        [.. Enumerable.Range(0, Classes).Select(c => b[c] + Enumerable.Range(0, Inputs).Sum(k => w[(c * Inputs) + k] * X[(n * Inputs) + k]))];

    // L = 1/(N·C) Σ_n Σ_c (o[n,c] − [c = y_n])², ∂L/∂W[c,k] = 2/(N·C) Σ_n (o[n,c] − [c = y_n]) x[n,k].
    private static (double Loss, double Accuracy, double[] GradW, double[] GradB) HandComputed(double[] w, double[] b)
    {
        double loss = 0;
        var correct = 0;
        var gradW = new double[Classes * Inputs];
        var gradB = new double[Classes];
        const double scale = 2.0 / (Samples * Classes);
        for (var n = 0; n < Samples; n++)
        {
            var outputs = Outputs(w, b, n);
            correct += Array.IndexOf(outputs, outputs.Max()) == Y[n] ? 1 : 0;
            for (var c = 0; c < Classes; c++)
            {
                var error = outputs[c] - (c == Y[n] ? 1 : 0);
                loss += error * error;
                gradB[c] += scale * error;
                for (var k = 0; k < Inputs; k++)
                {
                    gradW[(c * Inputs) + k] += scale * error * X[(n * Inputs) + k];
                }
            }
        }

        return (loss / (Samples * Classes), (double)correct / Samples, gradW, gradB);
    }

    private static double[] Values(Tensor t) => [.. t.detach().to(ScalarType.Float64).contiguous().data<double>()];
}
