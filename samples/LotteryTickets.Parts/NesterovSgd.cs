using LotteryTickets.Training;

namespace LotteryTickets.Parts;

/// <summary>An optimizer: SGD with Nesterov momentum, registered as <c>nesterov(momentum=0.9)</c>.</summary>
public static class NesterovSgd
{
    /// <summary>The change of the training options for <paramref name="momentum"/>.</summary>
    public static Action<TrainingOptions> Create(double momentum) => o =>
    {
        o.Optimizer = OptimizerKind.Sgd;
        o.Momentum = momentum;
        o.Nesterov = true;
    };
}
