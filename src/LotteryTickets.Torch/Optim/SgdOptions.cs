namespace LotteryTickets.Torch.Optim;

/// <summary>
/// The hyper-parameters of <see cref="Sgd"/>, with PyTorch's meaning. The optimizer copies
/// them when it is created and checks them all at once, reporting every problem in one
/// <see cref="ArgumentException"/>.
/// </summary>
public sealed class SgdOptions
{
    /// <summary>The step size; parameter groups may override it and schedules drive it.</summary>
    /// <value>The default value is 0.01. Must be greater than 0.</value>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>The momentum factor; 0 turns momentum off.</summary>
    /// <value>The default value is 0. Must be at least 0.</value>
    public double Momentum { get; set; }

    /// <summary>The dampening of the momentum: new gradients enter the buffer scaled by 1 − dampening.</summary>
    /// <value>The default value is 0.</value>
    public double Dampening { get; set; }

    /// <summary>Whether to use Nesterov momentum (needs <see cref="Momentum"/> &gt; 0 and <see cref="Dampening"/> = 0).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Nesterov { get; set; }

    /// <summary>The L2 penalty added to the gradient (weight × this); parameter groups may override it.</summary>
    /// <value>The default value is 0. Must be at least 0.</value>
    public double WeightDecay { get; set; }

    /// <summary>Whether to maximize the objective instead of minimizing it.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Maximize { get; set; }

    internal SgdOptions Copy() => (SgdOptions)MemberwiseClone();

    internal void Validate()
    {
        var v = new OptionsValidator(nameof(SgdOptions));
        v.Positive(LearningRate, nameof(LearningRate));
        v.NonNegative(Momentum, nameof(Momentum));
        v.Finite(Dampening, nameof(Dampening));
        v.NonNegative(WeightDecay, nameof(WeightDecay));
        if (Nesterov && (!(Momentum > 0) || Dampening != 0))
        {
            v.Add(
                $"'Nesterov' needs a 'Momentum' greater than 0 and a 'Dampening' of 0, but they are {OptionsValidator.Format(Momentum)} " +
                $"and {OptionsValidator.Format(Dampening)}; set them so or turn 'Nesterov' off.");
        }

        v.ThrowIfInvalid();
    }
}
