using static TorchSharp.torch;

namespace LotteryTickets.Masks;

/// <summary>
/// Which of a model's parameters pruning acts on: by default the weights of its <c>Linear</c> and <c>Conv2d</c>
/// modules (never biases or normalization parameters); <see cref="Where"/> chooses other parameters, and
/// <see cref="Ignore"/> / <see cref="IgnoreWhere"/> remove parameters from the selection.
/// </summary>
public sealed class PrunableParameterOptions
{
    /// <summary>
    /// A predicate over (parameter name, owning module) that chooses the candidate parameters instead of the default
    /// (the weights of <c>Linear</c> and <c>Conv2d</c> modules): every parameter of the model for which it returns
    /// <see langword="true"/> is prunable, in <c>named_parameters()</c> order. The owning module is the one that registers
    /// the parameter (for <c>fc1.weight</c>, the module <c>fc1</c>). <see cref="PrunableParameters.LinearAndConvolutionWeights"/>
    /// adds <c>Conv1d</c> and <c>Conv3d</c> weights to the default.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (the weights of every <c>Linear</c> and <c>Conv2d</c> module).</value>
    public Func<string, nn.Module, bool>? Where { get; set; }

    /// <summary>
    /// State-dict names of weights to leave unpruned (e.g. <c>fc1.weight</c>). Every name must be
    /// a prunable weight of the model.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> Ignore { get; set; } = [];

    /// <summary>
    /// A predicate over (parameter name, owning module); weights for which it returns
    /// <see langword="true"/> are left unpruned, in addition to <see cref="Ignore"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (ignore nothing).</value>
    public Func<string, nn.Module, bool>? IgnoreWhere { get; set; }
}
