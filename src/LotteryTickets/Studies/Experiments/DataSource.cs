using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Locating;

namespace LotteryTickets.Experiments;

/// <summary>
/// The experiment's data: splits given in memory (identified in the hash by a fingerprint of their contents) or a named
/// dataset loaded when the plan runs (identified by its name, the load options that change the data and, unless the
/// files are the official release, a fingerprint of the files found, so that different data never share a hash).
/// </summary>
internal sealed class DataSource
{
    private static readonly Dictionary<string, Func<DatasetLoadOptions?, DatasetSplits>> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mnist"] = Mnist.Load,
        ["fashion-mnist"] = FashionMnist.Load,
        ["kmnist"] = Kmnist.Load,
        ["cifar10"] = Cifar10.Load,
        ["cifar100"] = o => Cifar100.Load(o),
    };

    private static readonly Dictionary<string, DatasetDescriptor> Descriptors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mnist"] = KnownDatasets.Mnist,
        ["fashion-mnist"] = KnownDatasets.FashionMnist,
        ["kmnist"] = KnownDatasets.Kmnist,
        ["cifar10"] = KnownDatasets.Cifar10,
        ["cifar100"] = KnownDatasets.Cifar100,
    };

    private readonly string? name;
    private readonly DatasetLoadOptions? options;
    private readonly bool inMemory;
    private DatasetSplits? splits;
    private string? contentFingerprint;

    private DataSource(string? name, DatasetSplits? splits, DatasetLoadOptions? options)
    {
        this.name = name;
        this.splits = splits;
        this.options = options;
        inMemory = splits is not null;
    }

    /// <summary>The names of the datasets <see cref="FromName"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Named.Keys];

    public static DataSource FromSplits(DatasetSplits splits, string? name) => new(name, splits, null);

    public static DataSource FromName(string name, DatasetLoadOptions? options) => new(name, null, options);

    public IEnumerable<string> Validate()
    {
        if (!inMemory)
        {
            if (name is null || !Named.ContainsKey(name))
            {
                yield return $"The dataset '{name}' is unknown; the known datasets are {string.Join(", ", Names.Select(n => $"'{n}'"))}. Check the spelling, or pass the splits with WithData(splits).";
            }
            else if (options is { ValidationCount: 0 })
            {
                yield return $"The dataset '{name}' is loaded with 'ValidationCount' 0, but early stopping needs a validation set; set a 'ValidationCount' greater than 0.";
            }
            else if (options is { Folder: { } folder, AllowDownload: false })
            {
                var descriptor = Descriptors[name];
                var locator = options.Locator ?? DatasetLocator.Default;
                if (locator.TryLocate(descriptor, folder, out var placesTried) is null)
                {
                    yield return locator.NotFound(descriptor, placesTried, downloadOffered: false, explicitFolder: folder).Message;
                }
            }
        }
        else if (splits!.Validation is null)
        {
            yield return "The data has no validation set, which early stopping needs; split one off the training set (ImageDataset.SplitValidation) and pass it in the DatasetSplits.";
        }
    }

    /// <summary>The splits, loading a named dataset the first time.</summary>
    public DatasetSplits Resolve()
    {
        if (splits is null)
        {
            try
            {
                splits = Named[name!](options);
            }
            catch (ArgumentOutOfRangeException e) when (e.ParamName == "validationCount")
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The dataset '{name}' cannot hold out {options?.ValidationCount} validation examples: its training set is smaller. Set a 'ValidationCount' (the experiment file's 'dataset.validation') below the training set's size, e.g. {DatasetLoadOptions.DefaultValidationCount}."),
                    e);
            }
            if (splits.Validation is null)
            {
                throw new InvalidOperationException($"The dataset '{name}' was loaded without a validation set, which early stopping needs; set a 'ValidationCount' greater than 0.");
            }
        }

        return splits;
    }

    public JsonObject Describe()
    {
        if (inMemory)
        {
            var result = new JsonObject { ["fingerprint"] = ContentFingerprint() };
            if (name is not null)
            {
                result["name"] = name;
            }

            return result;
        }

        var named = new JsonObject { ["name"] = name!.ToLowerInvariant() };
        if (options is not null)
        {
            if (options.ValidationCount != DatasetLoadOptions.DefaultValidationCount)
            {
                named["validationCount"] = options.ValidationCount;
            }

            if (!options.Normalize)
            {
                named["normalize"] = false;
            }
        }

        // The files the run will read: those found now (the explicit folder only, when one is given). Files not found
        // yet are downloaded when the plan runs, and a download is checked against the published SHA-256.
        var descriptor = Descriptors[name!];
        var locator = options?.Locator ?? DatasetLocator.Default;
        var located = locator.TryLocate(descriptor, options?.Folder, out _);
        if (located is not null && DatasetFingerprint.Of(descriptor, located) is { } files)
        {
            named["files"] = files;
        }

        return named;
    }

    /// <summary>
    /// The complete description of the data <see cref="Resolve"/> gave: where they came from (in memory or a named
    /// dataset with its load options), the fingerprint of what was read — the contents' fingerprint for splits given in
    /// memory, the fingerprint of the files read for a named dataset (the official release included), with each file's
    /// SHA-256 — and the sizes and shapes of the splits. No paths: the same data describe the same in every process.
    /// </summary>
    /// <param name="resolved">The splits <see cref="Resolve"/> returned.</param>
    /// <returns>The description (keys are sorted when written).</returns>
    public JsonObject DescribeResolved(DatasetSplits resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var result = new JsonObject();
        if (inMemory)
        {
            result["source"] = "in-memory";
            result["name"] = name;
            result["fingerprint"] = ContentFingerprint();
        }
        else
        {
            var descriptor = Descriptors[name!];
            var locator = options?.Locator ?? DatasetLocator.Default;
            var located = locator.TryLocate(descriptor, options?.Folder, out _)
                ?? throw new InvalidOperationException($"The files of the dataset '{name}' were read but are no longer found; keep them in place while the experiment runs.");
            var (fingerprint, files, official) = FilesFingerprint(descriptor, located);
            result["source"] = "named";
            result["name"] = name!.ToLowerInvariant();
            result["validationCount"] = options?.ValidationCount ?? DatasetLoadOptions.DefaultValidationCount;
            result["normalize"] = options?.Normalize ?? true;
            result["fingerprint"] = fingerprint;
            result["official"] = official;
            result["files"] = files;
        }

        result["splits"] = new JsonObject
        {
            ["train"] = Split(resolved.Train),
            ["validation"] = Split(resolved.Validation),
            ["test"] = Split(resolved.Test),
        };
        return result;
    }

    /// <summary>
    /// The fingerprint of a located dataset's files, computed as <see cref="DatasetFingerprint.Of"/> does (so it equals
    /// the fingerprint in the plan's hash whenever the files are not the official release), with each file's SHA-256
    /// by file name and whether every file is the one the dataset is published as.
    /// </summary>
    private static (string Fingerprint, JsonObject Files, bool Official) FilesFingerprint(DatasetDescriptor descriptor, LocatedDataset located)
    {
        var published = descriptor.RemoteFiles.Where(f => !f.IsTarGzArchive)
            .ToDictionary(f => f.FileName, f => f.Sha256, StringComparer.Ordinal);
        var official = true;
        var files = new JsonObject();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var required in descriptor.RequiredFiles)
        {
            var path = located.PathOf(required);
            var fileName = Path.GetFileName(path);
            var hash = DatasetFingerprint.FileSha256(path);
            official &= published.TryGetValue(fileName, out var expected) && string.Equals(expected, hash, StringComparison.OrdinalIgnoreCase);
            sha.AppendData(Encoding.UTF8.GetBytes(fileName + "\n" + hash + "\n"));
            files[fileName] = hash;
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset())[..16], files, official);
    }

    private static JsonObject? Split(ImageDataset? dataset) => dataset is null
        ? null
        : new JsonObject
        {
            ["count"] = dataset.Count,
            ["classes"] = dataset.ClassCount,
            ["sampleShape"] = new JsonArray(dataset.SampleShape.Channels, dataset.SampleShape.Height, dataset.SampleShape.Width),
        };

    private string ContentFingerprint() => contentFingerprint ??= Fingerprint(splits!);

    private static string Fingerprint(DatasetSplits splits)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var dataset in new[] { splits.Train, splits.Validation, splits.Test })
        {
            if (dataset is null)
            {
                sha.AppendData("none"u8);
                continue;
            }

            sha.AppendData(Encoding.UTF8.GetBytes($"{dataset.SampleShape}|{dataset.ClassCount}|{dataset.Count}|{dataset.Normalization}|"));
            sha.AppendData(MemoryMarshal.AsBytes(dataset.Labels));
            if (dataset.HasBytePixels)
            {
                sha.AppendData(dataset.BytePixels);
            }
            else
            {
                sha.AppendData(MemoryMarshal.AsBytes(dataset.FloatPixels));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
