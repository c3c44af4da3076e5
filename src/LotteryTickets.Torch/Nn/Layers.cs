namespace LotteryTickets.Torch.Nn;

/// <summary>Checks and initialization shared by the built-in layers.</summary>
internal static class Layers
{
    public static long RequirePositive(long value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The value '{value}' of '{name}' is invalid: it must be positive.");
        }

        return value;
    }

    /// <summary>PyTorch's default for Linear and Conv layers: weight kaiming_uniform_(a = √5), bias U(−1/√fan_in, 1/√fan_in).</summary>
    public static void ResetDefault(Tensor weight, Tensor? bias, Generator? generator)
    {
        Init.KaimingUniform_(weight, a: Math.Sqrt(5), generator: generator);
        if (bias is not null)
        {
            var bound = Init.DefaultBiasBound(weight);
            Init.Uniform_(bias, -bound, bound, generator);
        }
    }

    public static void RequireDims(Tensor input, string layer, params int[] allowed)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dim = input.Dim;
        if (Array.IndexOf(allowed, dim) < 0)
        {
            throw new ArgumentException(
                $"The input of '{layer}' has {dim} dimensions [{string.Join(", ", input.Shape)}], but it expects {string.Join(" or ", allowed)}. Reshape the input, or use the layer made for that many dimensions.",
                nameof(input));
        }
    }
}
