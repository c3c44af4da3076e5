using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

public class TicketMaskingCallbackTests
{
    [TestCase(OptimizerKind.Adam)]
    [TestCase(OptimizerKind.Sgd)]
    public void PrunedWeightsArePositiveZeroBitForBitAfterApplyAndAfterEveryOptimizerStep(OptimizerKind optimizer)
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);
        using var model = TinyExperiment.CreateModel(new Generator(3));
        StateDicts.Load(model, f.Ticket.Weights);
        using var masking = new TicketMaskingCallback(model, f.Ticket.Mask);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var negativePruned = f.Layers.Sum(l => f.Kept(l.Name).Where((k, i) => !k && f.Initial(l.Name)[i] < 0).Count());
        Assert.That(negativePruned, Is.Positive, "some pruned weights start negative, so a plain multiplication would leave −0.0");

        masking.Apply();
        AssertPrunedArePositiveZero(f, parameters, "after Apply");

        var steps = 0;
        var options = new TrainingOptions
        {
            Duration = TrainingDuration.Iterations(6),
            BatchSize = 32,
            Optimizer = optimizer,
            LearningRate = 0.05,
            Momentum = optimizer == OptimizerKind.Sgd ? 0.9 : 0,
            WeightDecay = 0.01,
            EvaluateAtStart = false,
        };
        var splits = TinyExperiment.Splits;
        var probe = new RecordingStepCallback(() =>
        {
            steps++;
            AssertPrunedArePositiveZero(f, parameters, $"after step {steps}");
        });
        using var trainer = new Trainer(model, splits.Train, splits.Validation!, splits.Test, options, [masking, probe]);

        trainer.Run();

        Assert.That(steps, Is.EqualTo(6));
        var start = TransformFixture.Values(f.Ticket.Weights[TransformFixture.Layer]);
        var final = TransformFixture.Values(parameters[TransformFixture.Layer]);
        var kept = f.Kept(TransformFixture.Layer);
        Assert.That(Enumerable.Range(0, kept.Length).Count(i => kept[i] && final[i] != start[i]), Is.GreaterThan(kept.Count(k => k) / 2), "the kept weights train");
    }

    private static void AssertPrunedArePositiveZero(TransformFixture f, Dictionary<string, Tensor> parameters, string when)
    {
        foreach (var layer in f.Layers)
        {
            var kept = f.Kept(layer.Name);
            var values = TransformFixture.Values(parameters[layer.Name]);
            Assert.That(
                Enumerable.Range(0, kept.Length).Where(i => !kept[i] && BitConverter.SingleToInt32Bits(values[i]) != 0),
                Is.Empty,
                $"{layer.Name} {when}");
        }
    }

    /// <summary>Runs an action after every optimizer step (after the masking callback, which comes first).</summary>
    private sealed class RecordingStepCallback(Action afterStep) : ITrainingCallback
    {
        public void OnAfterOptimizerStep(TrainingState state) => afterStep();
    }
}
