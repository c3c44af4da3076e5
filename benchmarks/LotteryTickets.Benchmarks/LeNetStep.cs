using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// The library's masked LeNet-300-100 training step: the zoo's <see cref="LeNet300100"/>, a mask from
/// <see cref="Pruner"/> (<c>large_final</c>, <paramref name="rate"/> of each hidden layer's weights and half of that of
/// the output layer's, by |w| at initialization), <c>torch.optim.Adam(lr = 1.2e-3)</c>, cross-entropy on a fixed batch
/// of 60, and <see cref="MaskedModel.AfterOptimizerStep"/> after each step, with the library's process setup
/// (<see cref="Native.Engine.ConfigureProcess"/> with <see cref="Native.ProcessSettings.FromEnvironment"/>, as the <c>lottery</c> tool). Each step runs in its own dispose scope.
/// The same step as <see cref="PlainLeNetStep"/> and <c>benchmarks/python/lenet_step.py</c>.
/// </summary>
internal sealed class LeNetStep : ITrainingStep
{
    private readonly LeNet300100 model;
    private readonly Mask? mask;
    private readonly MaskedModel? masked;
    private readonly optim.Optimizer optimizer;
    private readonly Tensor images;
    private readonly Tensor labels;

    /// <param name="seed">The seed of the weights and the batch.</param>
    /// <param name="rate">The fraction of each hidden layer's weights pruned; 0 for a dense step.</param>
    public LeNetStep(ulong seed = 0, double rate = 0.2)
    {
        Native.Engine.ConfigureProcess(Native.ProcessSettings.FromEnvironment());
        using var generator = new torch.Generator(seed);
        model = new LeNet300100(new SampleShape(1, 28, 28), generator: generator);
        if (rate > 0)
        {
            var layers = PrunableParameters.Select(model);
            using var dense = Mask.Dense(layers);
            using var tieBreak = new torch.Generator(seed + 1);
            var weights = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
            var context = new CriterionContext(dense, tieBreak) { FinalWeights = weights };
            mask = Pruner.Prune(MaskCriteria.Get("large_final"), context, PruningAmounts.Iterative(rate, rate / 2), PruningScope.Layerwise);
            masked = new MaskedModel(model, mask);
            masked.ApplyToWeights();
        }

        optimizer = torch.optim.Adam(model.parameters(), lr: 1.2e-3);
        images = torch.rand([60, 1, 28, 28], generator: generator);
        labels = torch.randint(0, 10, [60], generator: generator);
    }

    public long PrunedCount
    {
        get
        {
            using var scope = torch.NewDisposeScope();
            return model.named_parameters().Where(p => p.parameter.dim() >= 2).Sum(p => p.parameter.eq(0).count_nonzero().item<long>());
        }
    }

    public double Step()
    {
        using var scope = torch.NewDisposeScope();
        var loss = Run();
        return loss.item<float>();
    }

    public void StepOnly()
    {
        using var scope = torch.NewDisposeScope();
        Run();
    }

    private Tensor Run()
    {
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.call(images), labels);
        loss.backward();
        optimizer.step();
        masked?.AfterOptimizerStep();
        return loss;
    }

    public void Dispose()
    {
        masked?.Dispose();
        mask?.Dispose();
        optimizer.Dispose();
        model.Dispose();
        images.Dispose();
        labels.Dispose();
    }
}
