#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one GLIBCXX version requirement of libLibTorchSharp.so weak (VER_FLG_WEAK in its
/// .gnu.version_r entry) in an output folder, where the system's libstdc++ lacks that version.
/// </summary>
public class LotteryTicketsWeakenGlibcxxRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;
    private const string Library = "libLibTorchSharp.so";

    [Required]
    public string[] Folders { get; set; } = Array.Empty<string>();

    [Required]
    public string Version { get; set; } = "";

    /// <summary>Fix the library even where this machine's libstdc++ has the version (output meant for other machines).</summary>
    public bool Always { get; set; }

    public override bool Execute()
    {
        var files = new List<string>();
        foreach (var folder in Folders)
        {
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                continue;
            }

            var direct = Path.Combine(folder, Library);
            if (File.Exists(direct))
            {
                files.Add(direct);
            }

            var runtimes = Path.Combine(folder, "runtimes");
            if (Directory.Exists(runtimes))
            {
                foreach (var rid in Directory.GetDirectories(runtimes, "linux*"))
                {
                    var candidate = Path.Combine(rid, "native", Library);
                    if (File.Exists(candidate))
                    {
                        files.Add(candidate);
                    }
                }
            }
        }

        if (files.Count == 0)
        {
            return true;
        }

        var system = FindSystemLibStdCxx(out var hasVersion);
        if (hasVersion && !Always)
        {
            Log.LogMessage(MessageImportance.Low, $"LotteryTickets: {system} provides {Version}; {Library} is left as shipped.");
            return true;
        }

        foreach (var file in files)
        {
            try
            {
                var bytes = File.ReadAllBytes(file);
                var result = Weaken(bytes, Version);
                if (result == null)
                {
                    Log.LogMessage(MessageImportance.Low, $"LotteryTickets: {file} does not require {Version} strictly; nothing to change.");
                    continue;
                }

                var temporary = file + ".lotterytickets-tmp";
                File.WriteAllBytes(temporary, bytes);
                // A new file replaces the old name, so a hard link into the NuGet cache is never written through.
                File.Delete(file);
                File.Move(temporary, file);
                Log.LogMessage(MessageImportance.High,
                    (hasVersion ? $"LotteryTickets: marked {Version} weak in {file} for the machines this output runs on " : $"LotteryTickets: the system's libstdc++ ({system ?? "not found"}) lacks {Version}; marked that requirement weak in {file} ") +
                    "(TorchSharp's native library names it for one symbol it never uses). Set LotteryTicketsFixLibStdCxx=false to turn this off.");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogWarning($"LotteryTickets: could not mark {Version} weak in {file}: {e.Message}. TorchSharp may fail to load on this system; install a libstdc++ from GCC 13 or later.");
            }
        }

        return !Log.HasLoggedErrors;
    }

    private string? FindSystemLibStdCxx(out bool hasVersion)
    {
        hasVersion = false;
        var folders = new List<string>();
        var ldPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(ldPath))
        {
            folders.AddRange(ldPath.Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries));
        }

        folders.AddRange(new[]
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib64", "/usr/local/lib",
        });
        var needle = Encoding.ASCII.GetBytes(Version + "\0");
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, "libstdc++.so.6");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                hasVersion = Contains(File.ReadAllBytes(path), needle);
            }
            catch (IOException)
            {
                continue;
            }

            return path;
        }

        return null;
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets VER_FLG_WEAK on the entry naming <paramref name="version"/>; null when there is nothing to change.</summary>
    internal static byte[]? Weaken(byte[] b, string version)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (b[4] != 2 || b[5] != 1)
        {
            throw new InvalidDataException("not a little-endian 64-bit ELF file");
        }

        var shoff = checked((long)BitConverter.ToUInt64(b, 0x28));
        int shentsize = BitConverter.ToUInt16(b, 0x3A);
        int shnum = BitConverter.ToUInt16(b, 0x3C);
        if (shoff <= 0 || shentsize < 64 || shoff + (long)shentsize * shnum > b.Length)
        {
            throw new InvalidDataException("section headers out of range");
        }

        var changed = false;
        for (var i = 0; i < shnum; i++)
        {
            var sh = (int)(shoff + (long)i * shentsize);
            if (BitConverter.ToUInt32(b, sh + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var offset = checked((int)BitConverter.ToUInt64(b, sh + 24));
            var link = (int)BitConverter.ToUInt32(b, sh + 40);
            var strings = checked((int)BitConverter.ToUInt64(b, (int)(shoff + (long)link * shentsize) + 24));
            var entry = offset;
            for (var guard = 0; guard < 4096; guard++)
            {
                int count = BitConverter.ToUInt16(b, entry + 2);
                var aux = entry + (int)BitConverter.ToUInt32(b, entry + 8);
                for (var a = 0; a < count; a++)
                {
                    var nameOffset = strings + (int)BitConverter.ToUInt32(b, aux + 8);
                    var end = Array.IndexOf(b, (byte)0, nameOffset);
                    if (end < 0)
                    {
                        throw new InvalidDataException("unterminated version name");
                    }

                    var name = Encoding.ASCII.GetString(b, nameOffset, end - nameOffset);
                    var flags = BitConverter.ToUInt16(b, aux + 4);
                    if (name == version && (flags & VerFlgWeak) == 0)
                    {
                        var weak = (ushort)(flags | VerFlgWeak);
                        b[aux + 4] = (byte)(weak & 0xff);
                        b[aux + 5] = (byte)(weak >> 8);
                        changed = true;
                    }

                    var nextAux = (int)BitConverter.ToUInt32(b, aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += nextAux;
                }

                var next = (int)BitConverter.ToUInt32(b, entry + 12);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return changed ? b : null;
    }
}
