namespace LotteryTickets.Cli.Experiments;

/// <summary>The <c>model</c> section: a network from the model zoo and its options.</summary>
public sealed class ModelSection
{
    /// <summary>The zoo name of the network (e.g. <c>lenet_300_100</c>, <c>lenet_5</c>, <c>conv_2</c>). Required.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Name { get; set; }

    /// <summary>Zoo-specific options as text, by name (a list is joined with commas); the zoo networks take <c>widthMultiplier</c> (see <see cref="ExperimentNames.ModelOptions"/>).</summary>
    /// <value>The default value is empty (the zoo's defaults).</value>
    public Dictionary<string, string> Options { get; set; } = [];
}
