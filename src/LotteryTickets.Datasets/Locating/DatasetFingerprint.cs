using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace LotteryTickets.Datasets.Locating;

/// <summary>
/// The identity of a located dataset's files: a SHA-256 over the name and contents of every required file, in the
/// order of <see cref="DatasetDescriptor.RequiredFiles"/>. Each file's hash is computed once per process and cached
/// by its full path, size and last write time.
/// </summary>
public static class DatasetFingerprint
{
    private static readonly ConcurrentDictionary<(string Path, long Size, DateTime WriteTime), string> FileHashes = new();

    /// <summary>
    /// The fingerprint (16 hexadecimal digits) of the files of <paramref name="located"/>, or <see langword="null"/>
    /// when every file is, byte for byte, the file the dataset is published as (its SHA-256 is the one in
    /// <see cref="DatasetDescriptor.RemoteFiles"/>): the official release needs no fingerprint.
    /// </summary>
    public static string? Of(DatasetDescriptor dataset, LocatedDataset located)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(located);
        var published = dataset.RemoteFiles.Where(f => !f.IsTarGzArchive)
            .ToDictionary(f => f.FileName, f => f.Sha256, StringComparer.Ordinal);
        var official = true;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var required in dataset.RequiredFiles)
        {
            var path = located.PathOf(required);
            var name = Path.GetFileName(path);
            var hash = FileSha256(path);
            official &= published.TryGetValue(name, out var expected) && string.Equals(expected, hash, StringComparison.OrdinalIgnoreCase);
            sha.AppendData(Encoding.UTF8.GetBytes(name + "\n" + hash + "\n"));
        }

        return official ? null : Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    /// <summary>The SHA-256 of the file at <paramref name="path"/> in lower-case hexadecimal, cached by path, size and last write time.</summary>
    public static string FileSha256(string path)
    {
        var info = new FileInfo(Path.GetFullPath(path));
        var key = (info.FullName, info.Length, info.LastWriteTimeUtc);
        return FileHashes.GetOrAdd(key, static k =>
        {
            using var stream = File.OpenRead(k.Path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }
}
