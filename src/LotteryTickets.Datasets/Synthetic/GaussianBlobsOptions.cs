using System.Globalization;

namespace LotteryTickets.Datasets.Synthetic;

/// <summary>The options of <see cref="GaussianBlobs.Create"/>.</summary>
public sealed class GaussianBlobsOptions
{
    /// <summary>The number of samples.</summary>
    /// <value>The default value is 512.</value>
    public int Count { get; init; } = 512;

    /// <summary>The number of classes (one prototype image each).</summary>
    /// <value>The default value is 4.</value>
    public int ClassCount { get; init; } = 4;

    /// <summary>The shape of each sample.</summary>
    /// <value>The default value is 1×8×8.</value>
    public SampleShape Shape { get; init; } = new(1, 8, 8);

    /// <summary>The standard deviation of the Gaussian noise added to the prototype of a sample's class.</summary>
    /// <value>The default value is 0.1 (classes are easily separable; raise it for a harder task).</value>
    public double Noise { get; init; } = 0.1;

    /// <summary>The seed; the whole dataset is a pure function of the options.</summary>
    /// <value>The default value is 0.</value>
    public ulong Seed { get; init; }

    internal void Validate()
    {
        var errors = new List<string>();
        if (Count <= 0) errors.Add(string.Create(CultureInfo.InvariantCulture, $"'Count' is {Count}; it must be at least 1."));
        if (ClassCount <= 0) errors.Add(string.Create(CultureInfo.InvariantCulture, $"'ClassCount' is {ClassCount}; it must be at least 1."));
        if (Shape.Channels <= 0 || Shape.Height <= 0 || Shape.Width <= 0) errors.Add($"'Shape' is {Shape}; every dimension must be positive.");
        if (!double.IsFinite(Noise) || Noise < 0) errors.Add(string.Create(CultureInfo.InvariantCulture, $"'Noise' is {Noise}; it must be finite and 0 or more."));
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "The 'GaussianBlobsOptions' are invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)));
        }
    }
}
