using System.Formats.Tar;
using System.IO.Compression;

namespace LotteryTickets.Datasets.Download;

/// <summary>Extracts chosen files from a .tar.gz archive into one folder, each written atomically.</summary>
internal static class TarGzExtractor
{
    /// <summary>
    /// Extracts the regular files whose name (without directories) is in <paramref name="wanted"/> into
    /// <paramref name="folder"/>, each to a temporary name first and then moved, so no half file appears.
    /// </summary>
    /// <exception cref="DatasetFormatException">The archive is corrupt or lacks a wanted file.</exception>
    public static async Task<int> ExtractAsync(string archive, string folder, IReadOnlyCollection<string> wanted, CancellationToken cancellationToken)
    {
        var extracted = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                var name = Path.GetFileName(entry.Name);
                if (!wanted.Contains(name) || entry.DataStream is null)
                {
                    continue;
                }

                var final = Path.Combine(folder, name);
                var partial = final + ".partial";
                await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await entry.DataStream.CopyToAsync(output, cancellationToken);
                }

                File.Move(partial, final, overwrite: true);
                extracted.Add(name);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DatasetFormatException(
                archive,
                $"The archive '{archive}' cannot be extracted ({e.Message}); it is corrupt. Delete it and download it again.",
                e);
        }

        var missing = wanted.Where(w => !extracted.Contains(w)).ToList();
        if (missing.Count > 0)
        {
            throw new DatasetFormatException(
                archive,
                $"The archive '{archive}' does not contain {string.Join(", ", missing)}; it is not the expected dataset archive. Check the mirror URL.");
        }

        return extracted.Count;
    }
}
