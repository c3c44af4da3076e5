namespace LotteryTickets.Datasets.Locating;

/// <summary>
/// What the library knows about a named dataset: the files it needs, where they may be installed, and where they
/// can be downloaded from. The built-in ones are in <see cref="KnownDatasets"/>.
/// </summary>
public sealed class DatasetDescriptor
{
    /// <summary>The short name used in folder names, such as <c>fashion-mnist</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The name shown in messages, such as <c>Fashion-MNIST</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The environment variable that may name a folder holding the files, such as <c>LOTTERYTICKETS_FASHION_MNIST</c>.</summary>
    public required string EnvironmentVariable { get; init; }

    /// <summary>The files a folder must hold, by name (without any accepted suffix).</summary>
    public required IReadOnlyList<string> RequiredFiles { get; init; }

    /// <summary>The suffixes under which a required file is accepted, tried in order (such as <c>.gz</c>, then none).</summary>
    /// <value>The default value is a single empty suffix.</value>
    public IReadOnlyList<string> AcceptedSuffixes { get; init; } = [""];

    /// <summary>Subfolders of a candidate folder that are searched too, in order (the empty string is the folder itself).</summary>
    /// <value>The default value is the folder itself only.</value>
    public IReadOnlyList<string> Subfolders { get; init; } = [""];

    /// <summary>A folder where an operating-system package installs the files, or <see langword="null"/>.</summary>
    public string? SystemFolder { get; init; }

    /// <summary>The operating-system package that installs <see cref="SystemFolder"/>, or <see langword="null"/>.</summary>
    public string? SystemPackage { get; init; }

    /// <summary>The URL the <see cref="RemoteFiles"/> are relative to, or <see langword="null"/> when the dataset cannot be downloaded.</summary>
    public Uri? DownloadBaseUrl { get; init; }

    /// <summary>The files to download, with their SHA-256.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<RemoteFile> RemoteFiles { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}
