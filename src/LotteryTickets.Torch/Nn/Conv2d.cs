namespace LotteryTickets.Torch.Nn;

/// <summary>
/// A two-dimensional convolution layer, as PyTorch's <c>nn.Conv2d</c>: parameters <c>weight</c>
/// (out, in / groups, kH, kW) and <c>bias</c> (out), initialized as PyTorch does — weight
/// kaiming_uniform_(a = √5), then bias U(−1/√fan_in, 1/√fan_in) with fan_in = in / groups · kH · kW.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer with PyTorch's default initialization.</summary>
    /// <param name="inChannels">The number of input channels.</param>
    /// <param name="outChannels">The number of output channels (filters).</param>
    /// <param name="kernelSize">The filter size.</param>
    /// <param name="stride">The step between windows; 1 when null.</param>
    /// <param name="padding">The zero padding on both sides; 0 by default.</param>
    /// <param name="dilation">The spacing between kernel elements; 1 when null.</param>
    /// <param name="groups">The number of blocked connections; must divide both channel counts.</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one.</param>
    public Conv2d(
        long inChannels, long outChannels, Size2d kernelSize, Size2d? stride = null, Size2d padding = default,
        Size2d? dilation = null, long groups = 1, bool bias = true, Generator? generator = null)
    {
        Layers.RequirePositive(inChannels, nameof(inChannels));
        Layers.RequirePositive(outChannels, nameof(outChannels));
        Layers.RequirePositive(groups, nameof(groups));
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException(
                $"The number of groups '{groups}' must divide both the input channels ({inChannels}) and the output channels ({outChannels}). Choose a common divisor.",
                nameof(groups));
        }

        KernelSize = kernelSize.Require(1, nameof(kernelSize), "a kernel size must be positive");
        Stride = (stride ?? 1).Require(1, nameof(stride), "a stride must be positive");
        Padding = padding.Require(0, nameof(padding), "a padding cannot be negative");
        Dilation = (dilation ?? 1).Require(1, nameof(dilation), "a dilation must be positive");
        InChannels = inChannels;
        OutChannels = outChannels;
        Groups = groups;
        Weight = RegisterParameter(
            "weight", Tensor.Empty([outChannels, inChannels / groups, KernelSize.Height, KernelSize.Width]));
        Bias = bias ? RegisterParameter("bias", Tensor.Empty([outChannels])) : null;
        ResetParameters(generator);
    }

    /// <summary>The number of input channels.</summary>
    public long InChannels { get; }

    /// <summary>The number of output channels.</summary>
    public long OutChannels { get; }

    /// <summary>The filter size.</summary>
    public Size2d KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public Size2d Stride { get; }

    /// <summary>The zero padding on both sides.</summary>
    public Size2d Padding { get; }

    /// <summary>The spacing between kernel elements.</summary>
    public Size2d Dilation { get; }

    /// <summary>The number of blocked connections from input to output channels.</summary>
    public long Groups { get; }

    /// <summary>The filters, of shape (out, in / groups, kH, kW); owned by the layer.</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, of shape (out), or null; owned by the layer.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-initializes the parameters in place with PyTorch's defaults.</summary>
    /// <param name="generator">The random generator; null for the global one.</param>
    public void ResetParameters(Generator? generator = null) => Layers.ResetDefault(Weight, Bias, generator);

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) =>
        Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
