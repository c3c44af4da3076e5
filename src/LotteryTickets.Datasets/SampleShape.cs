using System.Globalization;

namespace LotteryTickets.Datasets;

/// <summary>The shape of one image sample: channels × height × width (row-major, channel first).</summary>
/// <param name="Channels">The number of channels (1 for grey images, 3 for RGB).</param>
/// <param name="Height">The height in pixels.</param>
/// <param name="Width">The width in pixels.</param>
public readonly record struct SampleShape(int Channels, int Height, int Width)
{
    /// <summary>The number of values in one sample: <c>Channels × Height × Width</c>.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>The number of pixel positions in one channel: <c>Height × Width</c>.</summary>
    public int PlaneSize => Height * Width;

    /// <summary>Checks that every dimension is positive.</summary>
    /// <exception cref="ArgumentException">A dimension is zero or negative.</exception>
    public void Validate()
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
        {
            throw new ArgumentException(
                $"The sample shape '{this}' is invalid: channels, height and width must all be positive. Give a shape such as 1×28×28.");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Channels}×{Height}×{Width}");
}
