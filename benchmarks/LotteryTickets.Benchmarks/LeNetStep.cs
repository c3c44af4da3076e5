using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;
using LotteryTickets.Torch.Optim;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// One LeNet-300-100 training step: batch 60, Adam(lr = 1.2e-3), cross-entropy, CPU — the same
/// step as <c>benchmarks/python/lenet_step.py</c>. Each step runs in its own dispose scope.
/// </summary>
internal sealed class LeNetStep : IDisposable
{
    private readonly Sequential model;
    private readonly Adam optimizer;
    private readonly Tensor images;
    private readonly Tensor labels;

    public LeNetStep(ulong seed = 0)
    {
        using var generator = new Generator(seed);
        model = new Sequential(
            new Flatten(),
            new Linear(784, 300, generator: generator),
            new ReLU(),
            new Linear(300, 100, generator: generator),
            new ReLU(),
            new Linear(100, 10, generator: generator));
        optimizer = new Adam(model.Parameters(), new AdamOptions { LearningRate = 1.2e-3 });
        images = Tensor.Rand([60, 1, 28, 28], generator).DetachFromScope();
        labels = Tensor.RandInt(0, 10, [60], generator).DetachFromScope();
    }

    /// <summary>Runs one step and returns the loss.</summary>
    public double Step()
    {
        using var scope = DisposeScope.Begin();
        optimizer.ZeroGrad();
        var loss = Functional.CrossEntropy(model.Forward(images), labels);
        loss.Backward();
        optimizer.Step();
        return loss.ToDouble();
    }

    /// <summary>Runs one step without reading the loss back (no host synchronisation).</summary>
    public void StepOnly()
    {
        using var scope = DisposeScope.Begin();
        optimizer.ZeroGrad();
        var loss = Functional.CrossEntropy(model.Forward(images), labels);
        loss.Backward();
        optimizer.Step();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        images.Dispose();
        labels.Dispose();
    }
}
