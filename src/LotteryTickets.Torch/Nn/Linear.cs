namespace LotteryTickets.Torch.Nn;

/// <summary>
/// A fully connected layer, <c>y = x·Wᵀ + b</c>, as PyTorch's <c>nn.Linear</c>: parameters
/// <c>weight</c> (out, in) and <c>bias</c> (out), initialized as PyTorch does — weight
/// kaiming_uniform_(a = √5), i.e. U(−1/√in, 1/√in), then bias U(−1/√in, 1/√in).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer with PyTorch's default initialization.</summary>
    /// <param name="inFeatures">The size of each input sample.</param>
    /// <param name="outFeatures">The size of each output sample.</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one.</param>
    public Linear(long inFeatures, long outFeatures, bool bias = true, Generator? generator = null)
    {
        Layers.RequirePositive(inFeatures, nameof(inFeatures));
        Layers.RequirePositive(outFeatures, nameof(outFeatures));
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Tensor.Empty([outFeatures, inFeatures]));
        Bias = bias ? RegisterParameter("bias", Tensor.Empty([outFeatures])) : null;
        ResetParameters(generator);
    }

    /// <summary>The size of each input sample.</summary>
    public long InFeatures { get; }

    /// <summary>The size of each output sample.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight, of shape (out, in); owned by the layer.</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, of shape (out), or null; owned by the layer.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-initializes the parameters in place with PyTorch's defaults.</summary>
    /// <param name="generator">The random generator; null for the global one.</param>
    public void ResetParameters(Generator? generator = null) => Layers.ResetDefault(Weight, Bias, generator);

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
