namespace LotteryTickets.Initialization;

/// <summary>Checks of the pruning-at-initialization options that report every error at once.</summary>
internal static class ScoringOptionsValidation
{
    public static void SamplesPerClass(int value, List<string> errors)
    {
        if (value < 1)
        {
            errors.Add($"The 'SamplesPerClass' is {value}; it must be at least 1 (Su et al. use 10).");
        }
    }

    public static void DataVariant(ScoringDataVariant value, List<string> errors)
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add($"The 'DataVariant' {(int)value} is not defined; use Original, RandomLabels or ShuffledPixels.");
        }
    }

    public static void ThrowIfAny(string optionsName, List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException($"The '{optionsName}' are invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)));
        }
    }

    public static string Suffix(ScoringDataVariant variant) => variant switch
    {
        ScoringDataVariant.RandomLabels => "_random_labels",
        ScoringDataVariant.ShuffledPixels => "_shuffled_pixels",
        _ => string.Empty,
    };
}
