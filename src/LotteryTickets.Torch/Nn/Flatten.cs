namespace LotteryTickets.Torch.Nn;

/// <summary>Flattens dimensions <c>startDim</c> to <c>endDim</c> into one, as PyTorch's <c>nn.Flatten</c> (which keeps the batch dimension by default).</summary>
/// <param name="startDim">The first dimension to flatten.</param>
/// <param name="endDim">The last dimension to flatten (negative counts from the end).</param>
public sealed class Flatten(long startDim = 1, long endDim = -1) : Module
{
    /// <summary>The first dimension flattened.</summary>
    public long StartDim { get; } = startDim;

    /// <summary>The last dimension flattened.</summary>
    public long EndDim { get; } = endDim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flatten(StartDim, EndDim);
    }
}
