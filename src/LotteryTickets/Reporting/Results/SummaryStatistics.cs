using System.Globalization;
using MathNet.Numerics.Distributions;

namespace LotteryTickets.Results;

/// <summary>
/// The mean, sample standard deviation and a Student-t confidence interval for the mean of a few values (one per trial).
/// </summary>
/// <remarks>
/// The standard deviation divides by n − 1. The interval is mean ± t<sub>(1+c)/2, n−1</sub> · s / √n, with the
/// quantile from MathNet.Numerics' <see cref="StudentT.InvCDF"/>. With a single value there is no spread to
/// estimate: the standard deviation is 0 and the interval collapses to the mean (rather than being infinite or
/// undefined), so one-trial experiments still produce tables and plots — read them as having no error estimate.
/// </remarks>
public sealed record SummaryStatistics
{
    /// <summary>The confidence level used when none is given.</summary>
    public const double DefaultConfidenceLevel = 0.95;

    private SummaryStatistics(int count, double mean, double standardDeviation, double confidenceLevel, double halfWidth)
    {
        Count = count;
        Mean = mean;
        StandardDeviation = standardDeviation;
        ConfidenceLevel = confidenceLevel;
        ConfidenceHalfWidth = halfWidth;
    }

    /// <summary>The number of values.</summary>
    public int Count { get; }

    /// <summary>The arithmetic mean.</summary>
    public double Mean { get; }

    /// <summary>The sample standard deviation (divisor n − 1); 0 for one value.</summary>
    public double StandardDeviation { get; }

    /// <summary>The confidence level of the interval, e.g. 0.95.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Half the width of the confidence interval: t · s / √n; 0 for one value.</summary>
    public double ConfidenceHalfWidth { get; }

    /// <summary>The lower end of the confidence interval for the mean.</summary>
    public double ConfidenceLow => Mean - ConfidenceHalfWidth;

    /// <summary>The upper end of the confidence interval for the mean.</summary>
    public double ConfidenceHigh => Mean + ConfidenceHalfWidth;

    /// <summary>Computes the statistics of <paramref name="values"/>.</summary>
    /// <param name="values">At least one value.</param>
    /// <param name="confidenceLevel">The confidence level of the interval, in (0, 1).</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentException">There are no values, or the confidence level is outside (0, 1).</exception>
    public static SummaryStatistics Of(IEnumerable<double> values, double confidenceLevel = DefaultConfidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(confidenceLevel),
                confidenceLevel,
                string.Create(CultureInfo.InvariantCulture, $"The confidence level is {confidenceLevel:R}; it must be in (0, 1), e.g. 0.95."));
        }

        var array = values.ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException("There are no values to summarize; at least one is needed.", nameof(values));
        }

        var n = array.Length;
        var mean = array.Average();
        if (n == 1)
        {
            return new SummaryStatistics(1, mean, 0, confidenceLevel, 0);
        }

        var sumOfSquares = array.Sum(v => (v - mean) * (v - mean));
        var std = Math.Sqrt(sumOfSquares / (n - 1));
        var t = StudentT.InvCDF(0, 1, n - 1, 0.5 + (confidenceLevel / 2));
        return new SummaryStatistics(n, mean, std, confidenceLevel, t * std / Math.Sqrt(n));
    }
}
