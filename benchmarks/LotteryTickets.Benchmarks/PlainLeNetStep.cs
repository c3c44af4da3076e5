using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// The masked LeNet-300-100 training step written directly in TorchSharp, without the library: a
/// <see cref="Sequential"/> 784-300-100-10 MLP with ReLU (TorchSharp's default initialization from
/// <c>torch.manual_seed</c>), <c>torch.optim.Adam(lr = 1.2e-3)</c>, cross-entropy on a fixed batch of 60, and the
/// pruned weights (<see cref="PlainMasks"/>) set to zero under no_grad after each step. Each step runs in its own
/// dispose scope. The same step as <see cref="LeNetStep"/> and <c>benchmarks/python/lenet_step.py</c>.
/// </summary>
internal sealed class PlainLeNetStep : ITrainingStep
{
    private readonly Sequential model;
    private readonly PlainMasks? masks;
    private readonly optim.Optimizer optimizer;
    private readonly Tensor images;
    private readonly Tensor labels;

    /// <param name="seed">The seed of the weights and the batch.</param>
    /// <param name="rate">The fraction of each hidden layer's weights pruned; 0 for a dense step.</param>
    public PlainLeNetStep(long seed = 0, double rate = 0.2)
    {
        torch.manual_seed(seed);
        model = nn.Sequential(
            ("flatten", nn.Flatten()),
            ("fc1", nn.Linear(784, 300)),
            ("relu1", nn.ReLU()),
            ("fc2", nn.Linear(300, 100)),
            ("relu2", nn.ReLU()),
            ("fc3", nn.Linear(100, 10)));
        if (rate > 0)
        {
            masks = new PlainMasks(model, rate, rate / 2, "fc3.weight");
            masks.Apply();
        }

        optimizer = torch.optim.Adam(model.parameters(), lr: 1.2e-3);
        images = torch.rand([60, 1, 28, 28]);
        labels = torch.randint(0, 10, [60]);
    }

    public long PrunedCount => masks?.PrunedCount ?? 0;

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
        masks?.Apply();
        return loss;
    }

    public void Dispose()
    {
        masks?.Dispose();
        optimizer.Dispose();
        model.Dispose();
        images.Dispose();
        labels.Dispose();
    }
}
