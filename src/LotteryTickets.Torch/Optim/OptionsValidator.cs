using System.Globalization;

namespace LotteryTickets.Torch.Optim;

/// <summary>Collects every problem of an options object and reports them together in one exception.</summary>
internal sealed class OptionsValidator(string optionsName)
{
    private readonly List<string> errors = [];

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            errors.Add($"'{name}' is {Format(value)}; it must be a finite number greater than 0.");
        }
    }

    public void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            errors.Add($"'{name}' is {Format(value)}; it must be a finite number of at least 0.");
        }
    }

    public void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            errors.Add($"'{name}' is {Format(value)}; it must be a finite number.");
        }
    }

    public void UnitInterval(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            errors.Add($"'{name}' is {Format(value)}; it must be at least 0 and less than 1.");
        }
    }

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
