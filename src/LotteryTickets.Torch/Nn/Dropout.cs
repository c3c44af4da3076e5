namespace LotteryTickets.Torch.Nn;

/// <summary>
/// Inverted dropout in training mode, the identity in evaluation mode, as PyTorch's
/// <c>nn.Dropout</c> (see <see cref="Functional.Dropout"/> for how the mask is drawn).
/// </summary>
/// <param name="p">The probability of zeroing an element, in [0, 1].</param>
/// <param name="generator">
/// The random generator that draws the masks, so runs are reproducible by seed; null for the
/// global one. The layer keeps a reference but does not own it: keep it alive while the layer is used.
/// </param>
public sealed class Dropout(double p = 0.5, Generator? generator = null) : Module
{
    /// <summary>The probability of zeroing an element.</summary>
    public double P { get; } = Functional.CheckProbability(p, nameof(p));

    /// <summary>The generator that draws the masks, or null for the global one.</summary>
    public Generator? Generator { get; } = generator;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining, Generator);
}
