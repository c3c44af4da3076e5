using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LotteryTickets.Storage;

/// <summary>
/// Writes files so that a crash never leaves a half-written file under the final name: the content goes to a
/// temporary file in the same folder (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c>), is flushed to disk, and the temporary file
/// is then renamed over the final name (<see cref="File.Move(string, string, bool)"/>, atomic on one file system).
/// A reader sees the old file or the new one, never a mixture. A failed write deletes its temporary file; a crash may
/// leave one behind, which a later write does not mind and which readers ignore.
/// </summary>
/// <remarks>The folder entry itself is not synced (.NET has no portable way to), so after a power loss the rename may
/// be lost, leaving the old file; it is never replaced by a partial one.</remarks>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (UTF-8 without a byte-order mark unless <paramref name="encoding"/> says otherwise).</summary>
    /// <param name="path">The final file path; its folder must exist.</param>
    /// <param name="text">The text.</param>
    /// <param name="encoding">The encoding, or <see langword="null"/> for UTF-8 without a byte-order mark.</param>
    public static void WriteAllText(string path, string text, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chosen = encoding ?? Utf8NoBom;
        Write(path, stream =>
        {
            stream.Write(chosen.GetPreamble());
            stream.Write(chosen.GetBytes(text));
        });
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The final file path; its folder must exist.</param>
    /// <param name="bytes">The content.</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var (temporary, stream) = Open(path);
        try
        {
            using (stream)
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes a file atomically through a stream: <paramref name="write"/> fills the stream, then the file is flushed and renamed into place. If <paramref name="write"/> throws, nothing changes under <paramref name="path"/>.</summary>
    /// <param name="path">The final file path; its folder must exist.</param>
    /// <param name="write">Writes the content; must not dispose the stream.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (temporary, stream) = Open(path);
        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Whether <paramref name="fileName"/> is the name of a temporary file this class writes.</summary>
    /// <param name="fileName">A file name (no folder).</param>
    /// <returns><see langword="true"/> for a temporary file.</returns>
    public static bool IsTemporaryFile(string fileName) =>
        fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);

    /// <summary>
    /// Removes the temporary files in <paramref name="folder"/> (not below it) left by processes of this host that are
    /// gone (killed while writing); files of live processes and of other hosts are left alone.
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <returns>The number of files removed.</returns>
    public static int RemoveOrphans(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if (!IsTemporaryFile(name))
            {
                continue;
            }

            // .<name>.<host>-<pid>.<guid>.tmp
            var parts = name.Split('.');
            var tag = parts.Length >= 4 ? parts[^3].Split('-') : [];
            if (tag.Length == 2 && tag[0] == HostTag && int.TryParse(tag[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId && !ProcessTable.IsAlive(pid, 0))
            {
                TryDelete(file);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>This host's short tag in temporary file names (from its identity: name, boot, process namespace).</summary>
    private static string HostTag { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ProcessTable.HostKey())))[..8];

    /// <summary>Who writes a temporary file: this host's tag and this process's id.</summary>
    private static string WriterTag { get; } = string.Create(CultureInfo.InvariantCulture, $"{HostTag}-{Environment.ProcessId}");

    private static (string Temporary, FileStream Stream) Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder '{folder}' of the file '{full}' does not exist; create it before writing the file.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{WriterTag}.{Guid.NewGuid():N}.tmp");
        return (temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }
}
