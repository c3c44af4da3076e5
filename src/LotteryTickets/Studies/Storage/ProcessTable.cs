using System.Diagnostics;
using System.Globalization;

namespace LotteryTickets.Storage;

/// <summary>
/// Whether a process of this host still runs, for taking over the locks of killed processes at once: on Linux from
/// <c>/proc/&lt;pid&gt;/stat</c> (a zombie counts as gone, and the start time guards against a reused pid), elsewhere
/// from <see cref="Process"/>.
/// </summary>
internal static class ProcessTable
{
    /// <summary>
    /// This host's identity: its name, and on Linux its boot id and process namespace, so that two containers with the
    /// same host name, or a rebooted machine, never take each other's pids for their own.
    /// </summary>
    /// <returns>The key.</returns>
    public static string HostKey()
    {
        var parts = new List<string> { Environment.MachineName };
        if (OperatingSystem.IsLinux())
        {
            parts.Add(TryReadAllText("/proc/sys/kernel/random/boot_id")?.Trim() ?? "");
            try
            {
                parts.Add(new FileInfo("/proc/self/ns/pid").LinkTarget ?? "");
            }
            catch (IOException)
            {
                parts.Add("");
            }
            catch (UnauthorizedAccessException)
            {
                parts.Add("");
            }
        }

        return string.Join('|', parts);
    }

    /// <summary>The start time of a process in clock ticks since boot (Linux), or <see langword="null"/>.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>The start time, or <see langword="null"/> when unknown.</returns>
    public static long? StartTicks(int pid) => ReadStat(pid) is { } stat ? stat.StartTicks : null;

    /// <summary>Whether the process <paramref name="pid"/> runs and is the one that started at <paramref name="startTicks"/> (0: any).</summary>
    /// <param name="pid">The process id.</param>
    /// <param name="startTicks">Its start time as <see cref="StartTicks"/> gave it, or 0.</param>
    /// <returns><see langword="false"/> when it is certainly gone.</returns>
    public static bool IsAlive(int pid, long startTicks)
    {
        if (OperatingSystem.IsLinux())
        {
            var stat = ReadStat(pid);
            return stat is { } s && s.State != 'Z' && s.State != 'X' && (startTicks == 0 || s.StartTicks == startTicks);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static (char State, long StartTicks)? ReadStat(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var text = TryReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        if (text is null)
        {
            return null;
        }

        // "pid (comm) state ppid …": the command may hold spaces and parentheses, so fields count from the last ')'.
        var close = text.LastIndexOf(')');
        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? (fields[0][0], start)
            : null;
    }

    private static string? TryReadAllText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
