namespace LotteryTickets.Datasets.Loading;

/// <summary>Writes a normalised sample shifted by (dy, dx) with zero padding and optionally mirrored left–right.</summary>
internal static class SampleAugmenter
{
    /// <summary>
    /// Writes <c>out[c, y, x] = normalise(raw[c, y + dy, x' + dx])</c> with <c>x' = W − 1 − x</c> when flipping,
    /// and the normalised value of a raw zero where the source lies outside the image.
    /// </summary>
    public static void Write(ImageDataset dataset, int index, Span<float> destination, int dy, int dx, bool flip)
    {
        var shape = dataset.SampleShape;
        var height = shape.Height;
        var width = shape.Width;
        var plane = shape.PlaneSize;
        var transform = dataset.Transform;
        var bytes = dataset.BytePixelArray;
        var floats = dataset.FloatPixelArray;
        for (var c = 0; c < shape.Channels; c++)
        {
            var pad = transform.Shift[c];
            var scale = transform.Scale[c];
            var channelOffset = index * shape.Size + c * plane;
            var table = transform.ByteTable is null ? default : transform.ByteTable.AsSpan(c * 256, 256);
            for (var y = 0; y < height; y++)
            {
                var row = destination.Slice(c * plane + y * width, width);
                var sy = y + dy;
                if (sy < 0 || sy >= height)
                {
                    row.Fill(pad);
                    continue;
                }

                var rowOffset = channelOffset + sy * width;
                for (var x = 0; x < width; x++)
                {
                    var sx = (flip ? width - 1 - x : x) + dx;
                    if (sx < 0 || sx >= width)
                    {
                        row[x] = pad;
                    }
                    else if (bytes is not null)
                    {
                        row[x] = table[bytes[rowOffset + sx]];
                    }
                    else
                    {
                        row[x] = floats![rowOffset + sx] * scale + pad;
                    }
                }
            }
        }
    }
}
