using LotteryTickets.Masks;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training;

public class MaskingHooksTests
{
    [TestCase(OptimizerKind.Sgd)]
    [TestCase(OptimizerKind.Adam)]
    public void AMaskAppliedToGradientsAndAfterEveryStepKeepsPrunedWeightsExactlyZero(OptimizerKind optimizer)
    {
        using var model = new TinyMlp(1);
        var options = OptionsFor(optimizer);
        using var masking = new HalfMaskCallback(Weights(model));
        using var trainer = TinyTask.CreateTrainer(model, options, masking);
        var result = trainer.Run();

        Assert.That(result.Final!.ValidationLoss, Is.LessThan(result.Evaluations[0].ValidationLoss), "the masked network still learns");
        using var scope = torch.NewDisposeScope();
        foreach (var (name, weight) in masking.Weights)
        {
            var mask = masking.Masks[name];
            Assert.That(weight.mul(mask.logical_not().to(ScalarType.Float32)).count_nonzero().ToInt64(), Is.Zero, $"pruned weights of '{name}'");
            Assert.That(weight.mul(mask.to(ScalarType.Float32)).count_nonzero().ToInt64(), Is.EqualTo(mask.count_nonzero().ToInt64()), $"kept weights of '{name}' moved");
        }
    }

    [TestCase(OptimizerKind.Sgd)]
    [TestCase(OptimizerKind.Adam)]
    [TestCase(OptimizerKind.AdamW)]
    public void PrunedWeightsStayPositiveZeroBitForBitWhenTheMaskIsReappliedAfterEachStep(OptimizerKind optimizer)
    {
        using var model = new TinyMlp(1);
        var options = OptionsFor(optimizer);
        using var halves = new HalfMaskCallback(Weights(model));
        using var mask = FloatMask(halves.Masks);
        using var masked = new MaskedModel(model, mask);
        var checker = new PositiveZeroCheck(halves);
        using var trainer = TinyTask.CreateTrainer(model, options, new ReapplyAfterStep(masked), checker);
        var result = trainer.Run();

        Assert.That(result.Final!.ValidationLoss, Is.LessThan(result.Evaluations[0].ValidationLoss), "the masked network still learns");
        Assert.That(checker.Steps, Is.EqualTo(30));
        Assert.That(checker.Violations, Is.Empty, "every pruned weight is +0.0 (all bits zero) after every step");
        Assert.That(masked.CountRevivedWeights(), Is.Zero);
        using var scope = torch.NewDisposeScope();
        foreach (var (name, weight) in halves.Weights)
        {
            var keep = halves.Masks[name];
            Assert.That(weight.mul(keep.to(ScalarType.Float32)).count_nonzero().ToInt64(), Is.EqualTo(keep.count_nonzero().ToInt64()), $"kept weights of '{name}' are trained");
        }
    }

    private static Mask FloatMask(Dictionary<string, Tensor> masks)
    {
        using var scope = torch.NewDisposeScope();
        return Mask.Create(masks.ToDictionary(e => e.Key, e => e.Value.to(ScalarType.Float32)));
    }

    private static IEnumerable<(string Name, Tensor Weight)> Weights(TinyMlp model) =>
        model.named_parameters().Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal)).Select(p => (p.name, (Tensor)p.parameter));

    /// <summary>Prunes every other weight: the pattern a mask callback follows (mask at the start, on gradients, after each step).</summary>
    private sealed class HalfMaskCallback : ITrainingCallback, IDisposable
    {
        public HalfMaskCallback(IEnumerable<(string Name, Tensor Weight)> weights)
        {
            foreach (var (name, weight) in weights)
            {
                Weights[name] = weight;
                using var scope = torch.NewDisposeScope();
                var index = torch.arange(weight.numel()).reshape(weight.shape);
                Masks[name] = index.remainder(2).eq(0).DetachFromDisposeScope();
            }
        }

        public Dictionary<string, Tensor> Weights { get; } = [];

        public Dictionary<string, Tensor> Masks { get; } = [];

        public void OnTrainingStart(TrainingState state) => ApplyTo(name => Weights[name].alias());

        public void OnAfterBackward(TrainingState state) => ApplyTo(name => Weights[name].grad!);

        public void OnAfterOptimizerStep(TrainingState state) => ApplyTo(name => Weights[name].alias());

        public void Dispose()
        {
            foreach (var m in Masks.Values)
            {
                m.Dispose();
            }
        }

        private void ApplyTo(Func<string, Tensor> target)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            foreach (var (name, mask) in Masks)
            {
                target(name).masked_fill_(mask.logical_not(), 0);
            }
        }
    }

    /// <summary>The trainer path of masking: the weights masked at the start and after each optimizer step; gradients untouched.</summary>
    private sealed class ReapplyAfterStep(MaskedModel masked) : ITrainingCallback
    {
        public void OnTrainingStart(TrainingState state) => masked.ApplyToWeights();

        public void OnAfterOptimizerStep(TrainingState state) => masked.AfterOptimizerStep();
    }

    /// <summary>Counts, after every step, the pruned weights whose bits are not all zero (−0.0 included).</summary>
    private sealed class PositiveZeroCheck(HalfMaskCallback halves) : ITrainingCallback
    {
        public List<string> Violations { get; } = [];

        public int Steps { get; private set; }

        public void OnIterationEnd(TrainingState state)
        {
            Steps++;
            using var scope = torch.NewDisposeScope();
            foreach (var (name, weight) in halves.Weights)
            {
                var w = weight.detach();
                var notPositiveZero = w.ne(0).logical_or(w.signbit());
                var bad = notPositiveZero.logical_and(halves.Masks[name].logical_not()).count_nonzero().ToInt64();
                if (bad > 0)
                {
                    Violations.Add($"{bad} pruned weights of '{name}' after step {state.Iteration}");
                }
            }
        }
    }

    private static TrainingOptions OptionsFor(OptimizerKind optimizer)
    {
        var options = TinyTask.Options();
        options.Optimizer = optimizer;
        options.Momentum = optimizer == OptimizerKind.Sgd ? 0.9 : 0;
        options.LearningRate = optimizer == OptimizerKind.Sgd ? 0.05 : 0.01;
        options.WeightDecay = 1e-2;
        return options;
    }
}
