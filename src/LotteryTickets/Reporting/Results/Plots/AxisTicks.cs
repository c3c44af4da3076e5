using System.Globalization;

namespace LotteryTickets.Results.Plots;

/// <summary>Tick values and axis ranges: "nice" linear steps (1, 2, 5 × 10^k) and 1-2-5 decade ticks on log axes.</summary>
internal static class AxisTicks
{
    /// <summary>A step of 1, 2 or 5 × 10^k close to <paramref name="roughStep"/>.</summary>
    public static double NiceStep(double roughStep)
    {
        var exponent = Math.Floor(Math.Log10(roughStep));
        var power = Math.Pow(10, exponent);
        var fraction = roughStep / power;
        var nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * power;
    }

    /// <summary>A linear range widened to whole steps around [min, max], and its ticks.</summary>
    public static (double Low, double High, double[] Ticks, int Decimals) Linear(double min, double max, int targetTicks = 5)
    {
        if (!(max > min))
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.05;
            min -= pad;
            max += pad;
        }

        var step = NiceStep((max - min) / targetTicks);
        var low = Math.Floor((min / step) + 1e-9) * step;
        var high = Math.Ceiling((max / step) - 1e-9) * step;
        var count = (int)Math.Round((high - low) / step);
        var ticks = Enumerable.Range(0, count + 1).Select(i => Clean(low + (i * step), step)).ToArray();
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        return (low, high, ticks, decimals);
    }

    /// <summary>
    /// Ticks for a log axis over [min, max]: the 1-2-5 values of each decade (…, 100, 50, 20, 10, 5, 2, 1, 0.5, …) that lie
    /// in the range; when fewer than three do (a short range such as 100 → 21), the data values themselves (thinned to
    /// at most eight), as Frankle &amp; Carbin label their axes.
    /// </summary>
    public static double[] Log(double min, double max, IReadOnlyCollection<double> dataValues)
    {
        var ticks = new List<double>();
        var tolerance = 1e-9;
        for (var exponent = (int)Math.Floor(Math.Log10(min)) - 1; exponent <= (int)Math.Ceiling(Math.Log10(max)); exponent++)
        {
            foreach (var mantissa in new[] { 1.0, 2.0, 5.0 })
            {
                var value = mantissa * Math.Pow(10, exponent);
                if (value >= min * (1 - tolerance) && value <= max * (1 + tolerance))
                {
                    ticks.Add(double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
                }
            }
        }

        if (ticks.Count >= 3)
        {
            return [.. ticks.OrderDescending()];
        }

        var distinct = dataValues.Distinct().OrderDescending().ToArray();
        var every = Math.Max(1, (int)Math.Ceiling(distinct.Length / 8.0));
        return distinct.Where((_, i) => i % every == 0).ToArray();
    }

    /// <summary>A log tick label: up to three significant digits (100, 50, 51.2, 0.5).</summary>
    public static string LogLabel(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    public static string LinearLabel(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static double Clean(double value, double step) => Math.Abs(value) < step * 1e-9 ? 0 : value;
}
