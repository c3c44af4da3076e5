using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Initialization;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

public class PrunedWeightTransformTests
{
    [Test]
    public void FreezeInitFreezesEveryPrunedWeightAtItsStartingValue()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("freeze_init"));

        Assert.That(result.PrunedValues, Is.Not.Null);
        Assert.That(result.PrunedValues!.Keys.Order(), Is.EqualTo(f.Layers.Select(l => l.Name).Order()));
        Assert.That(f.Layers.All(l => result.PrunedValues[l.Name].SameAs(f.Ticket.Weights[l.Name])), Is.True);
        Assert.That(result.Weights.All(e => e.Value.SameAs(f.Ticket.Weights[e.Key])), Is.True);
    }

    [Test]
    public void FreezeInitZeroMaskZeroesExactlyThePrunedWeightsWhoseMagnitudeDecreased()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("freeze_init_zero_mask"));

        foreach (var layer in f.Layers)
        {
            var init = f.Initial(layer.Name);
            var trained = f.Trained(layer.Name);
            var kept = f.Kept(layer.Name);
            var frozen = TransformFixture.Values(result.PrunedValues![layer.Name]);
            var pruned = Enumerable.Range(0, init.Length).Where(i => !kept[i]).ToList();
            var decreased = pruned.Where(i => Math.Abs(init[i]) > Math.Abs(trained[i])).ToList();
            Assert.That(decreased.Count, Is.GreaterThan(pruned.Count / 5).And.LessThan(pruned.Count * 4 / 5), layer.Name);
            Assert.That(pruned.Where(i => frozen[i] == 0), Is.EqualTo(decreased), layer.Name);
            Assert.That(pruned.Except(decreased).Select(i => frozen[i]), Is.EqualTo(pruned.Except(decreased).Select(i => init[i])), layer.Name);
        }

        Assert.That(result.Weights.All(e => e.Value.SameAs(f.Ticket.Weights[e.Key])), Is.True);
    }

    [Test]
    public void FreezeInitZeroAllZeroesEveryWeightWhoseMagnitudeDecreasedKeptOrPruned()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("freeze_init_zero_all"));

        foreach (var layer in f.Layers)
        {
            var init = f.Initial(layer.Name);
            var trained = f.Trained(layer.Name);
            var kept = f.Kept(layer.Name);
            var start = TransformFixture.Values(result.Weights[layer.Name]);
            var frozen = TransformFixture.Values(result.PrunedValues![layer.Name]);
            var all = Enumerable.Range(0, init.Length).ToList();
            var decreased = all.Where(i => Math.Abs(init[i]) > Math.Abs(trained[i])).ToList();
            Assert.That(decreased.Count(i => kept[i]), Is.GreaterThan(0), layer.Name);
            Assert.That(all.Where(i => start[i] == 0), Is.EqualTo(decreased), layer.Name);
            Assert.That(all.Except(decreased).Select(i => start[i]), Is.EqualTo(all.Except(decreased).Select(i => init[i])), layer.Name);
            Assert.That(all.Where(i => !kept[i]).Select(i => frozen[i]), Is.EqualTo(all.Where(i => !kept[i]).Select(i => start[i])), layer.Name);
        }

        var unmasked = result.Weights.Keys.Where(k => !result.Mask.Contains(k));
        Assert.That(unmasked.All(k => result.Weights[k].SameAs(f.Ticket.Weights[k])), Is.True);
    }

    [TestCase("freeze_init")]
    [TestCase("freeze_init_zero_mask")]
    [TestCase("freeze_init_zero_all")]
    public void PrunedWeightsStayAtTheirFrozenValuesThroughSgdWithMomentumAndWeightDecay(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);
        using var ticket = f.Apply(TicketTransforms.Get(name));
        using var model = TinyExperiment.CreateModel(new Generator(3));
        StateDicts.Load(model, ticket.Weights);
        using var masking = new TicketMaskingCallback(model, ticket.Mask, ticket.PrunedValues);
        var options = new TrainingOptions
        {
            Duration = TrainingDuration.Iterations(6),
            BatchSize = 32,
            Optimizer = OptimizerKind.Sgd,
            LearningRate = 0.1,
            Momentum = 0.9,
            WeightDecay = 0.01,
            EvaluateAtStart = false,
        };
        var splits = TinyExperiment.Splits;
        using var trainer = new Trainer(model, splits.Train, splits.Validation!, splits.Test, options, [masking]);

        trainer.Run();

        var parameters = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        foreach (var layer in f.Layers)
        {
            var kept = f.Kept(layer.Name);
            var frozen = TransformFixture.Values(ticket.PrunedValues![layer.Name]);
            var start = TransformFixture.Values(ticket.Weights[layer.Name]);
            var final = TransformFixture.Values(parameters[layer.Name]);
            var pruned = Enumerable.Range(0, kept.Length).Where(i => !kept[i]).ToList();
            Assert.That(pruned.Select(i => final[i]), Is.EqualTo(pruned.Select(i => frozen[i])), layer.Name);
            Assert.That(pruned.Count(i => frozen[i] != 0), Is.GreaterThan(0), layer.Name);
            var keptIndices = Enumerable.Range(0, kept.Length).Where(i => kept[i]).ToList();
            Assert.That(keptIndices.Count(i => final[i] != start[i]), Is.GreaterThan(keptIndices.Count / 2), layer.Name);
        }
    }
}
