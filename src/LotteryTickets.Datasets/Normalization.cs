using System.Globalization;

namespace LotteryTickets.Datasets;

/// <summary>
/// Per-channel normalisation <c>(x − mean[c]) / std[c]</c>, applied to pixel values scaled to [0, 1]
/// (byte pixels are divided by 255 first). Instances are immutable.
/// </summary>
public sealed class Normalization
{
    private readonly float[] mean;
    private readonly float[] std;

    private Normalization(float[] mean, float[] std)
    {
        this.mean = mean;
        this.std = std;
    }

    /// <summary>MNIST's training-set statistics: mean 0.1307, std 0.3081.</summary>
    public static Normalization Mnist { get; } = new([0.1307f], [0.3081f]);

    /// <summary>Fashion-MNIST's training-set statistics: mean 0.2860, std 0.3530.</summary>
    public static Normalization FashionMnist { get; } = new([0.2860f], [0.3530f]);

    /// <summary>KMNIST's training-set statistics: mean 0.1918, std 0.3483.</summary>
    public static Normalization Kmnist { get; } = new([0.1918f], [0.3483f]);

    /// <summary>CIFAR-10's training-set statistics per channel (R, G, B).</summary>
    public static Normalization Cifar10 { get; } = new([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]);

    /// <summary>CIFAR-100's training-set statistics per channel (R, G, B).</summary>
    public static Normalization Cifar100 { get; } = new([0.5071f, 0.4865f, 0.4409f], [0.2673f, 0.2564f, 0.2762f]);

    /// <summary>The mean of each channel.</summary>
    public IReadOnlyList<float> Mean => mean;

    /// <summary>The standard deviation of each channel.</summary>
    public IReadOnlyList<float> Std => std;

    /// <summary>The number of channels this normalisation is for.</summary>
    public int Channels => mean.Length;

    /// <summary>A normalisation with the given per-channel mean and standard deviation.</summary>
    /// <exception cref="ArgumentException">The lengths differ or are zero, a value is not finite, or a std is not positive.</exception>
    public static Normalization PerChannel(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
        {
            throw new ArgumentException(
                $"The normalisation has {mean.Count} means and {std.Count} standard deviations; give one of each per channel.");
        }

        for (var c = 0; c < mean.Count; c++)
        {
            if (!float.IsFinite(mean[c]) || !float.IsFinite(std[c]) || std[c] <= 0)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The normalisation of channel {c} (mean {mean[c]}, std {std[c]}) is invalid: the mean must be finite and the std finite and positive."));
            }
        }

        return new Normalization([.. mean], [.. std]);
    }

    /// <summary>The same normalisation for every one of <paramref name="channels"/> channels.</summary>
    public static Normalization Uniform(float mean, float std, int channels = 1) =>
        PerChannel(Enumerable.Repeat(mean, channels).ToArray(), Enumerable.Repeat(std, channels).ToArray());

    /// <summary>The per-channel mean and (population) standard deviation of <paramref name="dataset"/>'s raw pixels.</summary>
    public static Normalization ComputeFrom(ImageDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var shape = dataset.SampleShape;
        var sum = new double[shape.Channels];
        var sumSquares = new double[shape.Channels];
        var sample = new float[shape.Size];
        for (var i = 0; i < dataset.Count; i++)
        {
            dataset.CopyRawSampleTo(i, sample);
            for (var c = 0; c < shape.Channels; c++)
            {
                var plane = sample.AsSpan(c * shape.PlaneSize, shape.PlaneSize);
                foreach (var v in plane)
                {
                    sum[c] += v;
                    sumSquares[c] += (double)v * v;
                }
            }
        }

        var n = (double)dataset.Count * shape.PlaneSize;
        var mean = new float[shape.Channels];
        var std = new float[shape.Channels];
        for (var c = 0; c < shape.Channels; c++)
        {
            var m = sum[c] / n;
            mean[c] = (float)m;
            std[c] = (float)Math.Max(Math.Sqrt(Math.Max(sumSquares[c] / n - m * m, 0)), 1e-6);
        }

        return new Normalization(mean, std);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"mean [{string.Join(", ", mean)}], std [{string.Join(", ", std)}]");

    /// <summary>The scale and shift that map a raw value v to <c>v · scale + shift</c>.</summary>
    internal (float Scale, float Shift) Affine(int channel, float rawScale)
    {
        var s = std[channel];
        return (rawScale / s, -mean[channel] / s);
    }
}
