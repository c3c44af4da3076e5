namespace LotteryTickets.Torch.Nn;

/// <summary>
/// Weight initializers, with PyTorch's <c>torch.nn.init</c> formulas. Each fills a tensor in place
/// under no-grad (so parameters stay leaves), draws from <c>generator</c> when one is given (the
/// global generator otherwise), and returns the same tensor. A tensor with no elements is left as it is.
/// </summary>
public static class Init
{
    /// <summary>The recommended gain for <paramref name="nonlinearity"/>, as PyTorch's <c>calculate_gain</c>.</summary>
    /// <param name="nonlinearity">The nonlinearity after the layer.</param>
    /// <param name="param">The negative slope for <see cref="Nonlinearity.LeakyRelu"/> (0.01 when null); ignored otherwise.</param>
    /// <returns>1 for linear, convolution and sigmoid; 5/3 for tanh; √2 for relu; √(2/(1+a²)) for leaky relu; 3/4 for selu.</returns>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Conv1d or Nonlinearity.Conv2d or Nonlinearity.Conv3d or Nonlinearity.Sigmoid => 1,
        Nonlinearity.Tanh => 5.0 / 3,
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        Nonlinearity.Selu => 3.0 / 4,
        _ => throw new ArgumentOutOfRangeException(
            nameof(nonlinearity), nonlinearity, $"The nonlinearity '{nonlinearity}' is unknown. Pass one of the Nonlinearity values."),
    };

    /// <summary>
    /// The fan-in and fan-out of a weight, as PyTorch's <c>_calculate_fan_in_and_fan_out</c>:
    /// for a weight of shape (out, in, k1, k2, …), fan-in = in·k1·k2·… and fan-out = out·k1·k2·….
    /// </summary>
    /// <param name="tensor">A tensor of at least two dimensions.</param>
    /// <returns>The fan-in and fan-out.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than two dimensions.</exception>
    public static (long FanIn, long FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.Shape;
        if (shape.Length < 2)
        {
            throw new ArgumentException(
                $"The fan-in and fan-out of a tensor of shape [{string.Join(", ", shape)}] cannot be computed: it needs at least 2 dimensions (out, in, ...). Initialize a bias with Uniform_ or Zeros_ instead.",
                nameof(tensor));
        }

        long receptive = 1;
        for (var i = 2; i < shape.Length; i++)
        {
            receptive *= shape[i];
        }

        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>Fills with values drawn from U(<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Uniform_(Tensor tensor, double low = 0, double high = 1, Generator? generator = null) =>
        Fill(tensor, t => t.Uniform_(low, high, generator));

    /// <summary>Fills with values drawn from N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null) =>
        Fill(tensor, t => t.Normal_(mean, std, generator));

    /// <summary>Fills with <paramref name="value"/>.</summary>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Constant_(Tensor tensor, double value) => Fill(tensor, t => t.Fill_(value));

    /// <summary>Fills with zeros.</summary>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Zeros_(Tensor tensor) => Fill(tensor, t => t.Zero_());

    /// <summary>Fills with ones.</summary>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Ones_(Tensor tensor) => Fill(tensor, t => t.Fill_(1));

    /// <summary>
    /// Glorot/Xavier uniform: U(−b, b) with b = gain·√(6 / (fan_in + fan_out)).
    /// </summary>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor XavierUniform_(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        var std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        var a = Math.Sqrt(3.0) * std;
        return Fill(tensor, t => t.Uniform_(-a, a, generator));
    }

    /// <summary>Glorot/Xavier normal: N(0, σ²) with σ = gain·√(2 / (fan_in + fan_out)).</summary>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor XavierNormal_(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        var std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        return Fill(tensor, t => t.Normal_(0, std, generator));
    }

    /// <summary>
    /// He/Kaiming uniform: U(−b, b) with b = √3·gain/√fan, gain = <see cref="CalculateGain"/>(nonlinearity, a).
    /// With the defaults (leaky relu, fan-in) b = √(6 / ((1 + a²)·fan_in)); PyTorch's Linear and
    /// Conv2d use a = √5, which gives b = 1/√fan_in.
    /// </summary>
    /// <param name="tensor">A weight of at least two dimensions.</param>
    /// <param name="a">The negative slope of the leaky rectifier that follows (used only with <see cref="Nonlinearity.LeakyRelu"/>).</param>
    /// <param name="mode">Which fan to preserve.</param>
    /// <param name="nonlinearity">The nonlinearity that follows.</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor KaimingUniform_(
        Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu,
        Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.NumEl == 0)
        {
            return tensor;
        }

        var bound = Math.Sqrt(3.0) * KaimingStd(tensor, a, mode, nonlinearity);
        return Fill(tensor, t => t.Uniform_(-bound, bound, generator));
    }

    /// <summary>He/Kaiming normal: N(0, σ²) with σ = gain/√fan, gain = <see cref="CalculateGain"/>(nonlinearity, a).</summary>
    /// <param name="tensor">A weight of at least two dimensions.</param>
    /// <param name="a">The negative slope of the leaky rectifier that follows (used only with <see cref="Nonlinearity.LeakyRelu"/>).</param>
    /// <param name="mode">Which fan to preserve.</param>
    /// <param name="nonlinearity">The nonlinearity that follows.</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor KaimingNormal_(
        Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu,
        Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.NumEl == 0)
        {
            return tensor;
        }

        var std = KaimingStd(tensor, a, mode, nonlinearity);
        return Fill(tensor, t => t.Normal_(0, std, generator));
    }

    /// <summary>The bound 1/√fan_in of PyTorch's default bias initialization for a layer with <paramref name="weight"/> (0 when fan_in is 0).</summary>
    internal static double DefaultBiasBound(Tensor weight)
    {
        var (fanIn, _) = CalculateFanInAndFanOut(weight);
        return fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
    }

    private static double KaimingStd(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        var fan = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"The fan mode '{mode}' is unknown. Pass FanIn or FanOut."),
        };
        var gain = CalculateGain(nonlinearity, a);
        return gain / Math.Sqrt(fan);
    }

    private static Tensor Fill(Tensor tensor, Action<Tensor> fill)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.NumEl == 0)
        {
            return tensor;
        }

        using (Autograd.NoGrad())
        {
            fill(tensor);
        }

        return tensor;
    }
}
