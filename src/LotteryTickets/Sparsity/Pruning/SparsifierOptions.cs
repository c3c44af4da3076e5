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

    /// <summary>The parameters of <paramref name="model"/> that <paramref name="options"/> choose to prune, in model order.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The chosen layers (at least one).</returns>
    /// <exception cref="ArgumentException">The predicate is null or chooses no parameter.</exception>
    internal static IReadOnlyList<PrunableLayer> Select(nn.Module<Tensor, Tensor> model, SparsifierOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var where = (options ?? new SparsifierOptions()).Parameters
            ?? throw new ArgumentException("The 'SparsifierOptions' are invalid: 'Parameters' is null; give a predicate that chooses the parameters to prune.", nameof(options));
        var layers = PrunableParameters.Select(model, new PrunableParameterOptions { Where = where });
        if (layers.Count == 0)
        {
            throw new ArgumentException(
                "The sparsifier's parameter selection chooses no parameter of the model; give 'SparsifierOptions.Parameters' a predicate that returns true for the weights to prune.",
                nameof(options));
        }

        return layers;
    }
}
