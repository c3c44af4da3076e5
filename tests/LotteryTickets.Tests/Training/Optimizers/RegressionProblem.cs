using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training.Optimizers;

/// <summary>A small seeded least-squares problem trained with real autograd gradients (float64).</summary>
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

    /// <summary>Fresh named parameters (<c>weight</c> [3, 4], <c>bias</c> [3]) holding the given values, owned by the caller.</summary>
    public static (string Name, Parameter Parameter)[] Parameters(double[] weight, double[] bias) =>
    [
        ("weight", Owned(torch.tensor(weight, [3, 4]))),
        ("bias", Owned(torch.tensor(bias, [3]))),
    ];

    /// <summary>A parameter of <paramref name="values"/>, owned by the caller (in no dispose scope).</summary>
    public static Parameter Owned(Tensor values)
    {
        var p = new Parameter(values);
        p.DetachFromDisposeScope();
        return p;
    }

    public (string Name, Parameter Parameter)[] InitialParameters() => Parameters(InitialWeight, InitialBias);

    public static double[] Values(Tensor t) => t.detach().contiguous().data<double>().ToArray();

    public static void DisposeAll(IEnumerable<(string Name, Parameter Parameter)> parameters)
    {
        foreach (var (_, p) in parameters)
        {
            p.Dispose();
        }
    }

    /// <summary>One training step: clear the gradients, backward of the mean squared error, optimizer step.</summary>
    public void Step((string Name, Parameter Parameter)[] parameters, optim.Optimizer optimizer)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (_, p) in parameters)
        {
            p.grad = null;
        }

        var input = torch.tensor(x, [6, 4]);
        var target = torch.tensor(y, [6, 3]);
        var prediction = input.matmul(parameters[0].Parameter.t()) + parameters[1].Parameter;
        nn.functional.mse_loss(prediction, target).backward();
        optimizer.step();
    }
}
