using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LotteryTickets.Serialization;

namespace LotteryTickets.Storage;

/// <summary>
/// Whether a run's files are what its <c>done</c> marker says they are. A marker holding a <see cref="RunManifest"/> is
/// checked against it (sizes, and SHA-256 when asked). An empty marker is a run finished before manifests existed: it is
/// accepted when its result files are present and its safetensors files are complete (their header accounts for every
/// byte), since nothing recorded says more. Results are remembered per folder while no file in it changes (size and
/// modification time), so a process hashes a run's files once.
/// </summary>
internal static class RunIntegrity
{
    private static readonly string[] LegacyFiles =
    [
        RunPaths.MaskFileName, RunPaths.StartFileName, RunPaths.FinalFileName, RunPaths.MetricsJsonFileName, RunPaths.SparsityFileName,
    ];

    private static readonly ConcurrentDictionary<string, Checked> Cache = new(StringComparer.Ordinal);

    /// <summary>What is wrong with a run that has a <c>done</c> marker; empty when nothing is, or when it has no marker.</summary>
    /// <param name="folder">The run's folder.</param>
    /// <param name="checkHashes">Whether to compare SHA-256 digests too, not only sizes.</param>
    /// <returns>One sentence per problem, naming the file.</returns>
    public static IReadOnlyList<string> Check(string folder, bool checkHashes)
    {
        var marker = Path.Combine(folder, RunPaths.DoneMarkerFileName);
        string text;
        try
        {
            text = File.ReadAllText(marker);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        var stamp = Stamp(folder);
        if (Cache.TryGetValue(folder, out var known) && known.Stamp == stamp && (known.Hashed || !checkHashes))
        {
            return known.Problems;
        }

        IReadOnlyList<string> problems;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems = LegacyProblems(folder);
        }
        else
        {
            try
            {
                problems = RunManifest.Parse(text).FindProblems(folder, checkHashes);
            }
            catch (InvalidDataException e)
            {
                problems = [$"its '{RunPaths.DoneMarkerFileName}' marker is not a manifest: {e.Message}"];
            }
        }

        Cache[folder] = new Checked(stamp, checkHashes, problems);
        return problems;
    }

    /// <summary>Writes the <c>done</c> marker with the manifest of the folder's files, and remembers them as checked.</summary>
    /// <param name="folder">The run's folder, every result file in place.</param>
    public static void MarkDone(string folder)
    {
        var manifest = RunManifest.Create(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, RunPaths.DoneMarkerFileName), manifest.ToJson());
        Cache[folder] = new Checked(Stamp(folder), true, []);
    }

    /// <summary>
    /// Removes what a run wrote — the <c>done</c> marker first, then its files and folders (a checkpoint included) —
    /// leaving the lock files, so the run trains again from the start. Only for a run this process holds the lock of.
    /// </summary>
    /// <param name="folder">The run's folder.</param>
    public static void Clear(string folder)
    {
        var marker = Path.Combine(folder, RunPaths.DoneMarkerFileName);
        if (File.Exists(marker))
        {
            File.Delete(marker);
        }

        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (Path.GetFileName(file) is not (RunLock.FileName or RunLock.TakeoverFileName))
            {
                File.Delete(file);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            Directory.Delete(directory, recursive: true);
        }

        Cache.TryRemove(folder, out _);
    }

    private static List<string> LegacyProblems(string folder)
    {
        var problems = new List<string>();
        foreach (var name in LegacyFiles)
        {
            var path = Path.Combine(folder, name);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add($"'{name}' is missing");
            }
            else if (info.Length == 0)
            {
                problems.Add($"'{name}' is empty");
            }
            else if (name.EndsWith(".safetensors", StringComparison.Ordinal) && IncompleteSafeTensors(path, info.Length) is { } problem)
            {
                problems.Add($"'{name}' {problem}");
            }
        }

        return problems;
    }

    /// <summary>Why a safetensors file is not complete (its header and data do not account for its size), or null.</summary>
    private static string? IncompleteSafeTensors(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is truncated ({length} bytes)");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)(length - 8) || headerLength > SafeTensorsHeader.MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is truncated: its header needs {headerLength} bytes, {length - 8} follow");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        SafeTensorsHeader parsed;
        try
        {
            parsed = SafeTensorsHeader.Parse(header, problems => new InvalidDataException(string.Join(" ", problems)));
        }
        catch (InvalidDataException e)
        {
            return "has an invalid header: " + e.Message;
        }

        var expected = 8 + (long)headerLength + parsed.DataLength;
        return expected == length
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"is {length} bytes; its header describes {expected}");
    }

    /// <summary>The sizes and modification times of the folder's files: a change to any file changes it.</summary>
    private static string Stamp(string folder)
    {
        var text = new StringBuilder();
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists)
        {
            return string.Empty;
        }

        foreach (var info in directory.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (info.Name is RunLock.FileName or RunLock.TakeoverFileName || info.Name.StartsWith('.'))
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"{info.Name}:{info.Length}:{info.LastWriteTimeUtc.Ticks};");
        }

        return text.ToString();
    }

    private sealed record Checked(string Stamp, bool Hashed, IReadOnlyList<string> Problems);
}
