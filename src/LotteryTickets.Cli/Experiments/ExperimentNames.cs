namespace LotteryTickets.Cli.Experiments;

/// <summary>The names an experiment file may use for things chosen from fixed lists.</summary>
public static class ExperimentNames
{
    /// <summary>The data sets of <c>LotteryTickets.Datasets</c>.</summary>
    public static IReadOnlyList<string> Datasets { get; } = ["fashion_mnist", "mnist", "kmnist", "cifar10", "cifar100", "gaussian_blobs"];

    /// <summary>The ticket transforms a control branch may apply (those of the core's first release).</summary>
    public static IReadOnlyList<string> Transforms { get; } = ["random_reinit", "random_pruning"];

    /// <summary>The optimizers.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["sgd", "adam", "adamw"];

    /// <summary>The learning-rate schedules.</summary>
    public static IReadOnlyList<string> Schedules { get; } = ["constant", "step", "multistep", "cosine"];

    /// <summary>The pruning scopes.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["layerwise", "global"];

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
