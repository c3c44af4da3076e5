using System.Globalization;
using TorchSharp;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Points on the line between two networks' state dicts: θ(α) = (1 − α)·θ₁ + α·θ₂, tensor by tensor.
/// </summary>
/// <remarks>
/// At α = 0 and α = 1 the result is a copy of θ₁ or θ₂ bit for bit. Between them, floating-point tensors are computed
/// in their own type by PyTorch's <c>lerp</c> (θ₁ + α·(θ₂ − θ₁) for α &lt; 0.5, θ₂ − (θ₂ − θ₁)·(1 − α) above), the same
/// line as the formula but exact wherever the two networks agree, so two identical networks give themselves at every
/// α. A zero that is left as −0.0 becomes +0.0 (one <c>add_(0.0)</c>, which changes no other value), so weights pruned
/// in both networks are +0.0 at every α.
/// Tensors that are not floating point (integer buffers such as batch norm's <c>num_batches_tracked</c>) cannot be
/// interpolated and are copied from θ₁.
/// </remarks>
public static class StateInterpolation
{
    /// <summary>
    /// Checks that two state dicts have the same names, shapes and types; every difference is listed in one
    /// <see cref="ArgumentException"/>.
    /// </summary>
    /// <param name="first">The first network's state dict.</param>
    /// <param name="second">The second network's state dict.</param>
    /// <exception cref="ArgumentException">The state dicts differ; the message names every mismatched key.</exception>
    public static void CheckCompatible(IReadOnlyDictionary<string, Tensor> first, IReadOnlyDictionary<string, Tensor> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var problems = new List<string>();
        foreach (var name in first.Keys.Where(k => !second.ContainsKey(k)))
        {
            problems.Add($"'{name}' is in the first network's state dict only.");
        }

        foreach (var name in second.Keys.Where(k => !first.ContainsKey(k)))
        {
            problems.Add($"'{name}' is in the second network's state dict only.");
        }

        foreach (var (name, a) in first)
        {
            if (!second.TryGetValue(name, out var b))
            {
                continue;
            }

            if (!a.shape.SequenceEqual(b.shape))
            {
                problems.Add($"'{name}' has shape {Shape(a.shape)} in the first network and {Shape(b.shape)} in the second.");
            }
            else if (a.dtype != b.dtype)
            {
                problems.Add($"'{name}' has type {a.dtype} in the first network and {b.dtype} in the second.");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "The two networks' state dicts do not match; interpolation needs the same names, shapes and types in both. Fix the following:" +
                Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }

    /// <summary>The state dict at <paramref name="alpha"/> on the line from <paramref name="first"/> (α = 0) to <paramref name="second"/> (α = 1).</summary>
    /// <param name="first">θ₁ (not modified).</param>
    /// <param name="second">θ₂ (not modified), with the same names, shapes and types.</param>
    /// <param name="alpha">α in [0, 1].</param>
    /// <returns>New tensors in <paramref name="first"/>'s order and on its devices, owned by the caller and by no dispose scope.</returns>
    /// <exception cref="ArgumentException">The state dicts do not match, or α is outside [0, 1].</exception>
    public static OrderedDictionary<string, Tensor> Interpolate(IReadOnlyDictionary<string, Tensor> first, IReadOnlyDictionary<string, Tensor> second, double alpha)
    {
        CheckCompatible(first, second);
        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(alpha), alpha, string.Create(CultureInfo.InvariantCulture, $"α is {alpha:R}; it must be in [0, 1]."));
        }

        if (alpha == 0)
        {
            return StateDicts.CloneOwned(first);
        }

        if (alpha == 1)
        {
            return StateDicts.CloneOwned(first.Keys.Select(k => KeyValuePair.Create(k, second[k])));
        }

        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using var noGrad = no_grad();
            foreach (var (name, a) in first)
            {
                using var scope = torch.NewDisposeScope();
                var b = second[name].to(a.device);
                var point = a.is_floating_point()
                    ? a.detach().lerp(b.detach(), torch.tensor(alpha, a.dtype, a.device)).add_(0.0)
                    : a.detach().clone();
                result[name] = point.DetachFromDisposeScope();
            }
        }
        catch
        {
            StateDicts.DisposeAll(result.Values);
            throw;
        }

        return result;
    }

    /// <summary>The α of point <paramref name="index"/> of <paramref name="points"/> evenly spaced points from 0 to 1: index / (points − 1), exactly 0 and 1 at the ends.</summary>
    /// <param name="index">The point's index, 0 to <paramref name="points"/> − 1.</param>
    /// <param name="points">The number of points, at least 2.</param>
    /// <returns>α.</returns>
    public static double Alpha(int index, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, points);
        return index == points - 1 ? 1.0 : (double)index / (points - 1);
    }

    private static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
