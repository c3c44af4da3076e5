namespace LotteryTickets.Datasets.Locating;

/// <summary>Where a dataset's files were found.</summary>
/// <param name="Folder">The folder that holds them.</param>
/// <param name="Origin">How the folder was chosen, such as <c>the environment variable LOTTERYTICKETS_MNIST</c>.</param>
/// <param name="Files">The path of each required file, by its name in <see cref="DatasetDescriptor.RequiredFiles"/>.</param>
public sealed record LocatedDataset(string Folder, string Origin, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>The path of the required file <paramref name="requiredFile"/>.</summary>
    /// <exception cref="KeyNotFoundException">The name is not a required file of the dataset.</exception>
    public string PathOf(string requiredFile) =>
        Files.TryGetValue(requiredFile, out var path)
            ? path
            : throw new KeyNotFoundException($"The file '{requiredFile}' is not one of the dataset's required files ({string.Join(", ", Files.Keys)}).");
}
