namespace LotteryTickets.Training;

/// <summary>The optimizer a <see cref="Trainer"/> builds (TorchSharp's <c>torch.optim</c>).</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent, optionally with momentum, Nesterov momentum and weight decay.</summary>
    Sgd,

    /// <summary>Adam (weight decay as an L2 penalty on the gradient).</summary>
    Adam,

    /// <summary>AdamW (decoupled weight decay).</summary>
    AdamW,

    /// <summary>RMSprop (<c>torch.optim.RMSProp</c>): smoothing constant, optional momentum, centered form, weight decay as an L2 penalty.</summary>
    RmsProp,

    /// <summary>Adagrad (<c>torch.optim.Adagrad</c>): learning-rate decay, initial accumulator value, weight decay as an L2 penalty.</summary>
    Adagrad,
}
