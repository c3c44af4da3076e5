using LotteryTickets.Torch.Optim;

namespace LotteryTickets.Torch.Tests.Optim;

/// <summary>A small seeded least-squares problem trained with real autograd gradients.</summary>
internal sealed class RegressionProblem
{
    private readonly double[] x;
    private readonly double[] y;

    public RegressionProblem(int seed = 5)
    {
        var random = new Random(seed);
        x = [.. Enumerable.Range(0, 6 * 4).Select(_ => (random.NextDouble() * 2) - 1)];
        y = [.. Enumerable.Range(0, 6 * 3).Select(_ => (random.NextDouble() * 2) - 1)];
        InitialWeight = [.. Enumerable.Range(0, 3 * 4).Select(_ => (random.NextDouble() * 2) - 1)];
        InitialBias = [.. Enumerable.Range(0, 3).Select(_ => (random.NextDouble() * 2) - 1)];
    }

    public double[] InitialWeight { get; }

    public double[] InitialBias { get; }

    /// <summary>Fresh parameters (weight [3, 4], bias [3]) holding the given values, owned by the caller.</summary>
    public static Tensor[] Parameters(double[] weight, double[] bias) =>
    [
        Tensor.FromArray(weight, 3, 4).RequiresGrad_().DetachFromScope(),
        Tensor.FromArray(bias, 3).RequiresGrad_().DetachFromScope(),
    ];

    public Tensor[] InitialParameters() => Parameters(InitialWeight, InitialBias);

    /// <summary>One training step: zero the gradients, backward of the mean squared error, optimizer step.</summary>
    public void Step(Tensor[] parameters, Optimizer optimizer)
    {
        using var scope = DisposeScope.Begin();
        optimizer.ZeroGrad();
        var input = Tensor.FromArray(x, 6, 4);
        var target = Tensor.FromArray(y, 6, 3);
        var prediction = input.MatMul(parameters[0].T()) + parameters[1];
        (prediction - target).Square().Mean().Backward();
        optimizer.Step();
    }
}
