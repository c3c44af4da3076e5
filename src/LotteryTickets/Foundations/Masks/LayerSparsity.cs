using System.Globalization;

namespace LotteryTickets.Masks;

/// <summary>How many weights of one prunable tensor remain (are kept by the mask).</summary>
public sealed record LayerSparsity
{
    /// <summary>Creates the entry.</summary>
    /// <param name="name">The parameter name, e.g. <c>"fc1.weight"</c>.</param>
    /// <param name="total">The number of weights in the tensor.</param>
    /// <param name="remaining">The number of weights the mask keeps, at most <paramref name="total"/>.</param>
    /// <exception cref="ArgumentException">The name is empty, or the counts are negative or inconsistent.</exception>
    public LayerSparsity(string name, long total, long remaining)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("The layer name is empty; name the parameter, e.g. 'fc1.weight'.", nameof(name));
        }

        if (total < 0 || remaining < 0 || remaining > total)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The layer '{name}' has {remaining} remaining of {total} weights; counts must satisfy 0 <= remaining <= total."),
                nameof(remaining));
        }

        Name = name;
        Total = total;
        Remaining = remaining;
    }

    /// <summary>The parameter name.</summary>
    public string Name { get; }

    /// <summary>The number of weights in the tensor.</summary>
    public long Total { get; }

    /// <summary>The number of weights the mask keeps.</summary>
    public long Remaining { get; }

    /// <summary>The number of pruned weights.</summary>
    public long Pruned => Total - Remaining;

    /// <summary>The fraction of weights remaining, in [0, 1] (1 for an empty tensor).</summary>
    public double FractionRemaining => Total == 0 ? 1 : (double)Remaining / Total;

    /// <summary>The percentage of weights remaining, 0 to 100; 100 for an empty tensor.</summary>
    public double PercentRemaining => Percent(Remaining, Total);

    internal static double Percent(long remaining, long total) => total == 0 ? 100.0 : 100.0 * remaining / total;
}
