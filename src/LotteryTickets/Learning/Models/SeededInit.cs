using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.init;

namespace LotteryTickets.Models;

/// <summary>
/// Weight initialization with PyTorch's formulas (<c>torch.nn.init</c> and the layers' <c>reset_parameters</c>), drawing
/// from an explicit <see cref="Generator"/>, so that the same seed gives the same weights as PyTorch bit for bit. Each
/// method fills tensors in place under no-grad (parameters stay leaves), draws with <c>uniform_</c> / <c>normal_</c> from
/// the generator (the global one when it is null), and leaves tensors without elements as they are.
/// </summary>
/// <remarks>
/// <para>PyTorch's layer defaults, as <see cref="ResetParameters(nn.Module, Generator?)"/> applies them: for a
/// <see cref="Linear"/> or a convolution, the weight is <c>kaiming_uniform_(a = √5)</c>, i.e. U(−b, b) with
/// b = √3 · √(2 / (1 + a²)) / √fan_in (which is 1/√fan_in up to rounding), then the bias U(−1/√fan_in, 1/√fan_in);
/// a batch norm gets scale 1, shift 0 and fresh running statistics, drawing nothing.</para>
/// <para>Modules are visited depth first in registration order (a module's children, each followed by its own
/// descendants), the order of PyTorch's <c>Module.modules()</c>, which is also the order in which PyTorch's constructors
/// draw; so re-initializing a model built from layers in that order reproduces what <c>torch.manual_seed(s)</c> followed by
/// building the same PyTorch model gives.</para>
/// </remarks>
public static class SeededInit
{
    /// <summary>The recommended gain for <paramref name="nonlinearity"/>, as PyTorch's <c>calculate_gain</c>.</summary>
    /// <param name="nonlinearity">The nonlinearity after the layer.</param>
    /// <param name="param">The negative slope for <see cref="NonlinearityType.LeakyReLU"/> (0.01 when null); ignored otherwise.</param>
    /// <returns>1 for linear, convolutions and sigmoid; 5/3 for tanh; √2 for ReLU; √(2 / (1 + a²)) for leaky ReLU.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The nonlinearity is not a defined value.</exception>
    public static double CalculateGain(NonlinearityType nonlinearity, double? param = null) => nonlinearity switch
    {
        NonlinearityType.Linear or NonlinearityType.Conv1D or NonlinearityType.Conv2D or NonlinearityType.Conv3D
            or NonlinearityType.ConvTranspose1D or NonlinearityType.ConvTranspose2D or NonlinearityType.ConvTranspose3D
            or NonlinearityType.Sigmoid => 1,
        NonlinearityType.Tanh => 5.0 / 3,
        NonlinearityType.ReLU => Math.Sqrt(2.0),
        NonlinearityType.LeakyReLU => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        _ => throw new ArgumentOutOfRangeException(
            nameof(nonlinearity), nonlinearity, $"The nonlinearity '{nonlinearity}' is unknown. Pass one of the NonlinearityType values."),
    };

    /// <summary>
    /// The fan-in and fan-out of a weight, as PyTorch's <c>_calculate_fan_in_and_fan_out</c>: for a weight of shape
    /// (out, in, k1, k2, …), fan-in = in·k1·k2·… and fan-out = out·k1·k2·….
    /// </summary>
    /// <param name="tensor">A tensor of at least two dimensions.</param>
    /// <returns>The fan-in and fan-out.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than two dimensions.</exception>
    public static (long FanIn, long FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.shape;
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

    /// <summary>Fills <paramref name="tensor"/> with values drawn from U(<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="tensor">The tensor, changed in place.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Uniform_(Tensor tensor, double low = 0, double high = 1, Generator? generator = null) =>
        Fill(tensor, t => t.uniform_(low, high, generator));

    /// <summary>Fills <paramref name="tensor"/> with values drawn from N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    /// <param name="tensor">The tensor, changed in place.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="std">The standard deviation.</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null) =>
        Fill(tensor, t => t.normal_(mean, std, generator));

    /// <summary>
    /// He/Kaiming uniform: U(−b, b) with b = √3 · gain / √fan, gain = <see cref="CalculateGain"/>(nonlinearity, a), computed
    /// in the same double-precision steps as PyTorch's <c>kaiming_uniform_</c>.
    /// </summary>
    /// <param name="tensor">A weight of at least two dimensions, changed in place.</param>
    /// <param name="a">The negative slope of the leaky rectifier that follows (used only with <see cref="NonlinearityType.LeakyReLU"/>).</param>
    /// <param name="mode">Which fan to preserve.</param>
    /// <param name="nonlinearity">The nonlinearity that follows.</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than two dimensions.</exception>
    public static Tensor KaimingUniform_(
        Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn, NonlinearityType nonlinearity = NonlinearityType.LeakyReLU, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.numel() == 0)
        {
            return tensor;
        }

        var bound = Math.Sqrt(3.0) * KaimingStd(tensor, a, mode, nonlinearity);
        return Fill(tensor, t => t.uniform_(-bound, bound, generator));
    }

    /// <summary>He/Kaiming normal: N(0, σ²) with σ = gain / √fan, gain = <see cref="CalculateGain"/>(nonlinearity, a).</summary>
    /// <param name="tensor">A weight of at least two dimensions, changed in place.</param>
    /// <param name="a">The negative slope of the leaky rectifier that follows (used only with <see cref="NonlinearityType.LeakyReLU"/>).</param>
    /// <param name="mode">Which fan to preserve.</param>
    /// <param name="nonlinearity">The nonlinearity that follows.</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than two dimensions.</exception>
    public static Tensor KaimingNormal_(
        Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn, NonlinearityType nonlinearity = NonlinearityType.LeakyReLU, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.numel() == 0)
        {
            return tensor;
        }

        var std = KaimingStd(tensor, a, mode, nonlinearity);
        return Fill(tensor, t => t.normal_(0, std, generator));
    }

    /// <summary>
    /// Re-initializes a weight and its optional bias as PyTorch's <c>nn.Linear</c> and <c>nn.Conv*d</c> do: the weight
    /// <c>kaiming_uniform_(a = √5)</c>, then the bias U(−1/√fan_in, 1/√fan_in) (0 bounds when fan_in is 0).
    /// </summary>
    /// <param name="weight">The layer's weight, of at least two dimensions.</param>
    /// <param name="bias">The layer's bias, or null.</param>
    /// <param name="generator">The random generator (advanced by the weight's, then the bias's draws); null for the global one.</param>
    /// <exception cref="ArgumentException">The weight has fewer than two dimensions.</exception>
    public static void ResetLayer(Tensor weight, Tensor? bias, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(weight);
        KaimingUniform_(weight, a: Math.Sqrt(5), generator: generator);
        if (bias is not null)
        {
            var (fanIn, _) = CalculateFanInAndFanOut(weight);
            var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Uniform_(bias, -bound, bound, generator);
        }
    }

    /// <summary>
    /// Re-initializes every <see cref="Linear"/>, convolution and batch norm of <paramref name="module"/> (itself included)
    /// with PyTorch's layer defaults, depth first in registration order (see the remarks of <see cref="SeededInit"/>).
    /// Other modules and their own parameters are left as they are.
    /// </summary>
    /// <param name="module">The module, changed in place.</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    public static void ResetParameters(nn.Module module, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var noGrad = no_grad();
        foreach (var m in ModulesDepthFirst(module))
        {
            switch (m)
            {
                case Linear linear:
                    ResetLayer(linear.weight, linear.bias, generator);
                    break;
                case Convolution convolution:
                    ResetLayer(convolution.weight, convolution.bias, generator);
                    break;
                case NormBase norm:
                    norm.reset_parameters();
                    break;
            }
        }
    }

    /// <summary>
    /// <paramref name="module"/> and every module under it, depth first in registration order: the order of PyTorch's
    /// <c>Module.modules()</c> (each module before its children, a child's descendants before the next child).
    /// </summary>
    /// <param name="module">The root module.</param>
    /// <returns>The modules, the root first.</returns>
    public static IEnumerable<nn.Module> ModulesDepthFirst(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var stack = new Stack<nn.Module>();
        stack.Push(module);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            var children = current.named_children().Select(c => c.module).ToList();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    private static double KaimingStd(Tensor tensor, double a, FanInOut mode, NonlinearityType nonlinearity)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        var fan = mode switch
        {
            FanInOut.FanIn => fanIn,
            FanInOut.FanOut => fanOut,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"The fan mode '{mode}' is unknown. Pass FanIn or FanOut."),
        };
        var gain = CalculateGain(nonlinearity, a);
        return gain / Math.Sqrt(fan);
    }

    private static Tensor Fill(Tensor tensor, Action<Tensor> fill)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.numel() == 0)
        {
            return tensor;
        }

        using (no_grad())
        {
            fill(tensor);
        }

        return tensor;
    }
}
