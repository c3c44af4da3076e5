using System.Globalization;

namespace LotteryTickets.Pruning;

/// <summary>Collects every problem of a schedule's options and reports them together in one exception.</summary>
internal sealed class ScheduleValidator(string optionsName)
{
    private readonly List<string> errors = [];

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Fraction(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            errors.Add($"'{name}' is {Format(value)}; it must be at least 0 and less than 1.");
        }
    }

    public void AtLeast(long value, long minimum, string name)
    {
        if (value < minimum)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' is {value}; it must be at least {minimum}."));
        }
    }

    public void Fractions(IEnumerable<KeyValuePair<string, double>>? values, string name)
    {
        if (values is null)
        {
            errors.Add($"'{name}' is null; leave it empty instead.");
            return;
        }

        foreach (var (layer, value) in values)
        {
            if (string.IsNullOrWhiteSpace(layer))
            {
                errors.Add($"'{name}' has an entry with an empty layer name; name the parameter, e.g. 'fc1.weight'.");
            }
            else
            {
                Fraction(value, $"{name}[{layer}]");
            }
        }
    }

    public void Names(IEnumerable<string>? names, string name)
    {
        if (names is null)
        {
            errors.Add($"'{name}' is null; leave it empty instead.");
            return;
        }

        if (names.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"'{name}' has an empty layer name; name the parameter, e.g. 'fc1.weight'.");
        }
    }

    public IReadOnlyList<string> Errors => errors;

    public void Add(string error) => errors.Add(error);

    public void ThrowIfInvalid()
    {
        if (errors.Count == 0)
        {
            return;
        }

        throw new ArgumentException(
            $"The '{optionsName}' are invalid. Correct the following and try again:{Environment.NewLine}- " +
            string.Join(Environment.NewLine + "- ", errors),
            "options");
    }
}
