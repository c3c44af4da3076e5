namespace LotteryTickets.Cli.Experiments;

/// <summary>The <c>dataset</c> section.</summary>
public sealed class DatasetSection
{
    /// <summary>The data set: one of <see cref="ExperimentNames.Datasets"/>. Required.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Name { get; set; }

    /// <summary>How many training examples are held out for validation (early stopping); 0 for none.</summary>
    /// <value>The default value is 5000.</value>
    public int Validation { get; set; } = DefaultValidation;

    /// <summary>The folder holding the data set's files; <see langword="null"/> for the data set's usual locations.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Folder { get; set; }

    /// <summary>The default validation count.</summary>
    public const int DefaultValidation = 5000;
}
