using LotteryTickets.Torch;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

public class MaskingHooksTests
{
    [TestCase(OptimizerKind.Sgd)]
    [TestCase(OptimizerKind.Adam)]
    public void AMaskAppliedToGradientsAndAfterEveryStepKeepsPrunedWeightsExactlyZero(OptimizerKind optimizer)
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Optimizer = optimizer;
        options.Momentum = optimizer == OptimizerKind.Sgd ? 0.9 : 0;
        options.LearningRate = optimizer == OptimizerKind.Sgd ? 0.05 : 0.01;
        options.WeightDecay = 1e-2;
        using var masking = new HalfMaskCallback(model.NamedParameters().Where(p => p.Name.EndsWith(".weight", StringComparison.Ordinal)));
        using var trainer = TinyTask.CreateTrainer(model, options, masking);
        var result = trainer.Run();

        Assert.That(result.Final!.ValidationLoss, Is.LessThan(result.Evaluations[0].ValidationLoss), "the masked network still learns");
        using var scope = DisposeScope.Begin();
        foreach (var (name, weight) in masking.Weights)
        {
            var mask = masking.Masks[name];
            Assert.That(weight.Mul(mask.LogicalNot().To(ScalarType.Float32)).CountNonzero().ToInt64(), Is.Zero, $"pruned weights of '{name}'");
            Assert.That(weight.Mul(mask.To(ScalarType.Float32)).CountNonzero().ToInt64(), Is.EqualTo(mask.CountNonzero().ToInt64()), $"kept weights of '{name}' moved");
        }
    }

    /// <summary>Prunes every other weight: the pattern a mask callback follows (mask at the start, on gradients, after each step).</summary>
    private sealed class HalfMaskCallback : ITrainingCallback, IDisposable
    {
        public HalfMaskCallback(IEnumerable<(string Name, Tensor Weight)> weights)
        {
            foreach (var (name, weight) in weights)
            {
                Weights[name] = weight;
                using var scope = DisposeScope.Begin();
                var index = Tensor.Arange(weight.NumEl).Reshape(weight.Shape);
                Masks[name] = index.Remainder(2).Eq(0).DetachFromScope();
            }
        }

        public Dictionary<string, Tensor> Weights { get; } = [];

        public Dictionary<string, Tensor> Masks { get; } = [];

        public void OnTrainingStart(TrainingState state) => ApplyTo(name => Weights[name]);

        public void OnAfterBackward(TrainingState state) => ApplyTo(name => Weights[name].Grad!);

        public void OnAfterOptimizerStep(TrainingState state) => ApplyTo(name => Weights[name]);

        public void Dispose()
        {
            foreach (var m in Masks.Values)
            {
                m.Dispose();
            }
        }

        private void ApplyTo(Func<string, Tensor> target)
        {
            using var scope = DisposeScope.Begin();
            using var noGrad = Autograd.NoGrad();
            foreach (var (name, mask) in Masks)
            {
                target(name).MaskedFill_(mask.LogicalNot(), 0);
            }
        }
    }
}
