using LotteryTickets.Masks;

using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>Which parameters a <see cref="Sparsifier"/> prunes and the seed of its randomness.</summary>
public sealed class SparsifierOptions
{
    /// <summary>
    /// A predicate over (parameter name, owning module) choosing the parameters to prune, in <c>named_parameters()</c>
    /// order; the last one chosen is the output layer (<see cref="PrunableLayer.IsOutput"/>). The owning module is the one
    /// that registers the parameter (for <c>fc1.weight</c>, the module <c>fc1</c>).
    /// </summary>
    /// <value>The default value is <see cref="PrunableParameters.LinearAndConvolutionWeights"/> (the weights of every
    /// <c>Linear</c>, <c>Conv1d</c>, <c>Conv2d</c> and <c>Conv3d</c> module).</value>
    public Func<string, nn.Module, bool> Parameters { get; set; } = PrunableParameters.LinearAndConvolutionWeights;

    /// <summary>The seed of the pruner's tie-breaking and of random criteria: the same seed gives the same masks.</summary>
    /// <value>The default value is 0.</value>
    public ulong Seed { get; set; }
}
