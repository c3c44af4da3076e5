namespace LotteryTickets.Torch.Nn;

/// <summary>The nonlinearity after a layer, which sets the recommended initialization gain (<see cref="Init.CalculateGain"/>).</summary>
public enum Nonlinearity
{
    /// <summary>The identity (gain 1).</summary>
    Linear,

    /// <summary>A one-dimensional convolution with no nonlinearity (gain 1).</summary>
    Conv1d,

    /// <summary>A two-dimensional convolution with no nonlinearity (gain 1).</summary>
    Conv2d,

    /// <summary>A three-dimensional convolution with no nonlinearity (gain 1).</summary>
    Conv3d,

    /// <summary>The logistic sigmoid (gain 1).</summary>
    Sigmoid,

    /// <summary>The hyperbolic tangent (gain 5/3).</summary>
    Tanh,

    /// <summary>The rectifier (gain √2).</summary>
    Relu,

    /// <summary>The leaky rectifier with negative slope a (gain √(2 / (1 + a²)), a = 0.01 by default).</summary>
    LeakyRelu,

    /// <summary>The scaled exponential linear unit (gain 3/4).</summary>
    Selu,
}
