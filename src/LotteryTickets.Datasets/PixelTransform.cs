namespace LotteryTickets.Datasets;

/// <summary>
/// Maps stored pixels to normalised floats: per channel <c>v · scale + shift</c>, through a
/// 256-entry lookup table per channel when pixels are bytes.
/// </summary>
internal sealed class PixelTransform
{
    private PixelTransform(float[] scale, float[] shift, float[]? byteTable)
    {
        Scale = scale;
        Shift = shift;
        ByteTable = byteTable;
    }

    /// <summary>The multiplier per channel, applied to the stored value.</summary>
    public float[] Scale { get; }

    /// <summary>The offset per channel; also the normalised value of a raw zero (the padding value).</summary>
    public float[] Shift { get; }

    /// <summary>For byte pixels, <c>ByteTable[c * 256 + b]</c> is the normalised value of byte b in channel c.</summary>
    public float[]? ByteTable { get; }

    public static PixelTransform Create(int channels, bool bytes, Normalization? normalization)
    {
        var rawScale = bytes ? 1f / 255f : 1f;
        var scale = new float[channels];
        var shift = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            (scale[c], shift[c]) = normalization is null ? (rawScale, 0f) : normalization.Affine(c, rawScale);
        }

        float[]? table = null;
        if (bytes)
        {
            table = new float[channels * 256];
            for (var c = 0; c < channels; c++)
            {
                for (var b = 0; b < 256; b++)
                {
                    table[c * 256 + b] = b * scale[c] + shift[c];
                }
            }
        }

        return new PixelTransform(scale, shift, table);
    }
}
