using LotteryTickets.Datasets;
using static TorchSharp.torch;

namespace LotteryTickets.Models;

/// <summary>Checks shared by the zoo models: widths, input shapes and the sizes of feature maps.</summary>
internal static class ModelInput
{
    /// <summary>Scales a layer width by <paramref name="multiplier"/>, rounding to the nearest integer, at least 1.</summary>
    public static long Scale(long width, double multiplier) => Math.Max(1L, (long)Math.Round(width * multiplier, MidpointRounding.AwayFromZero));

    public static void RequireValid(string model, SampleShape input, int classes, double widthMultiplier)
    {
        input.Validate();
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(classes), classes, $"The number of classes of '{model}' is {classes}; it must be at least 1. Pass the dataset's class count.");
        }

        if (!double.IsFinite(widthMultiplier) || widthMultiplier <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(widthMultiplier), widthMultiplier, $"The width multiplier of '{model}' is {widthMultiplier}; it must be a finite number greater than 0. Use 1 for the paper's widths.");
        }
    }

    /// <summary>The side of a feature map after a 2×2 max pool with stride 2 (rounding down, as PyTorch).</summary>
    public static int Pooled(string model, int side, string dimension)
    {
        if (side < 2)
        {
            throw new ArgumentException(
                $"The input of '{model}' is too small: its {dimension} shrinks to {side} before a 2×2 pooling. Use larger images (28×28 or 32×32).");
        }

        return side / 2;
    }

    /// <summary>
    /// Draws a zoo model's layer defaults from <paramref name="generator"/> (<see cref="SeededInit.ResetParameters"/>); with no
    /// generator, the layers keep the defaults their constructors drew from the global generator.
    /// </summary>
    public static void Initialize(nn.Module model, Generator? generator)
    {
        if (generator is not null)
        {
            SeededInit.ResetParameters(model, generator);
        }
    }

    /// <summary>A 2×2 max pool with stride 2.</summary>
    public static Tensor MaxPool2(Tensor x) => nn.functional.max_pool2d(x, [2, 2]);

    /// <summary>The mean over each whole feature map, flattened: [N, C, H, W] → [N, C].</summary>
    public static Tensor GlobalAveragePool(Tensor x) => nn.functional.adaptive_avg_pool2d(x, [1, 1]).flatten(1);

    /// <summary>Throws unless <paramref name="input"/> is a batch of samples of shape <paramref name="shape"/>.</summary>
    public static void RequireBatch(string model, Tensor input, SampleShape shape)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = input.shape;
        if (s.Length != 4 || s[1] != shape.Channels || s[2] != shape.Height || s[3] != shape.Width)
        {
            throw new ArgumentException(
                $"The input of '{model}' has shape [{string.Join(", ", s)}], but the model was built for batches of {shape} samples, i.e. [N, {shape.Channels}, {shape.Height}, {shape.Width}]. Build the model for this input shape, or reshape the batch.",
                nameof(input));
        }
    }
}
