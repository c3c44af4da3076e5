namespace LotteryTickets.Torch.Optim;

/// <summary>
/// The hyper-parameters of <see cref="Adam"/>, with PyTorch's meaning. The optimizer copies
/// them when it is created and checks them all at once, reporting every problem in one
/// <see cref="ArgumentException"/>.
/// </summary>
public class AdamOptions
{
    /// <summary>The step size; parameter groups may override it and schedules drive it.</summary>
    /// <value>The default value is 0.001. Must be greater than 0.</value>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>The decay rate of the running average of gradients.</summary>
    /// <value>The default value is 0.9. Must be in [0, 1).</value>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>The decay rate of the running average of squared gradients.</summary>
    /// <value>The default value is 0.999. Must be in [0, 1).</value>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>The term added to the denominator for numerical stability.</summary>
    /// <value>The default value is 1e-8. Must be at least 0.</value>
    public double Epsilon { get; set; } = 1e-8;

    /// <summary>
    /// The weight decay: an L2 penalty added to the gradient for <see cref="Adam"/>, a decoupled
    /// shrinking of the weights (w ← w·(1 − lr·decay)) for <see cref="AdamW"/>. Parameter groups may override it.
    /// </summary>
    /// <value>The default value is 0 (0.01 in <see cref="AdamWOptions"/>). Must be at least 0.</value>
    public double WeightDecay { get; set; }

    /// <summary>Whether to use the AMSGrad variant (the maximum of past squared-gradient averages).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AmsGrad { get; set; }

    /// <summary>Whether to maximize the objective instead of minimizing it.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Maximize { get; set; }

    internal AdamOptions Copy() => (AdamOptions)MemberwiseClone();

    internal void Validate()
    {
        var v = new OptionsValidator(GetType().Name);
        v.Positive(LearningRate, nameof(LearningRate));
        v.UnitInterval(Beta1, nameof(Beta1));
        v.UnitInterval(Beta2, nameof(Beta2));
        v.NonNegative(Epsilon, nameof(Epsilon));
        v.NonNegative(WeightDecay, nameof(WeightDecay));
        v.ThrowIfInvalid();
    }
}
