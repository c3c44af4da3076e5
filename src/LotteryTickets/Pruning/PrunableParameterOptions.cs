using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// Which of a model's Linear and Conv weights pruning leaves alone. Biases and normalization
/// parameters are never prunable; these options only remove weights from the default selection.
/// </summary>
public sealed class PrunableParameterOptions
{
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
