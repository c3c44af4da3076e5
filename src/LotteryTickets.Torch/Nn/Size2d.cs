using System.Globalization;

namespace LotteryTickets.Torch.Nn;

/// <summary>
/// A height and a width: the kernel size, stride, padding or dilation of a two-dimensional
/// convolution or pooling. A single number converts to a square size, and a tuple
/// <c>(height, width)</c> converts to a rectangular one, as PyTorch's <c>int or (int, int)</c>.
/// </summary>
/// <param name="Height">The size along the height (second to last) dimension.</param>
/// <param name="Width">The size along the width (last) dimension.</param>
public readonly record struct Size2d(long Height, long Width)
{
    /// <summary>A square size.</summary>
    public static implicit operator Size2d(long size) => new(size, size);

    /// <summary>A rectangular size from <c>(height, width)</c>.</summary>
    public static implicit operator Size2d((long Height, long Width) size) => new(size.Height, size.Width);

    /// <summary>A square size (the named alternative to the implicit conversion).</summary>
    public static Size2d FromInt64(long size) => new(size, size);

    /// <summary>A rectangular size (the named alternative to the implicit conversion).</summary>
    public static Size2d FromValueTuple((long Height, long Width) size) => new(size.Height, size.Width);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({Height}, {Width})");

    /// <summary>Throws unless both sizes are at least <paramref name="minimum"/>.</summary>
    internal Size2d Require(long minimum, string name, string rule)
    {
        if (Height < minimum || Width < minimum)
        {
            throw new ArgumentOutOfRangeException(
                name, this, $"The {DescribeName(name)} '{this}' is invalid: {rule}. Pass sizes of at least {minimum}.");
        }

        return this;
    }

    private static string DescribeName(string name) => name switch
    {
        "kernelSize" => "kernel size",
        "outputSize" => "output size",
        _ => name,
    };
}
