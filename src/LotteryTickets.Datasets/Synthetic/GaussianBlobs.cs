using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Datasets.Synthetic;

/// <summary>
/// A small, seeded, image-shaped classification set for fast tests and examples: each class has a prototype
/// image with pixels uniform in [0, 1], and each sample is its class's prototype plus Gaussian noise. Labels
/// cycle through the classes (sample i has class i mod ClassCount) so every class is equally represented.
/// </summary>
public static class GaussianBlobs
{
    /// <summary>Creates the dataset; the same options always give the same pixels and labels, on every platform.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static ImageDataset Create(GaussianBlobsOptions? options = null)
    {
        options ??= new GaussianBlobsOptions();
        options.Validate();
        var size = options.Shape.Size;
        var random = new SplitMix64(SplitMix64.Derive(options.Seed, RandomStreams.Synthetic));
        var prototypes = new float[options.ClassCount * size];
        for (var k = 0; k < prototypes.Length; k++)
        {
            prototypes[k] = (float)random.NextDouble();
        }

        var pixels = new float[(long)options.Count * size];
        var labels = new int[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            var label = i % options.ClassCount;
            labels[i] = label;
            var prototype = prototypes.AsSpan(label * size, size);
            var sample = pixels.AsSpan(i * size, size);
            for (var k = 0; k < size; k++)
            {
                sample[k] = prototype[k] + (float)(options.Noise * random.NextGaussian());
            }
        }

        return ImageDataset.FromFloats("gaussian-blobs", pixels, options.Shape, labels, options.ClassCount);
    }
}
