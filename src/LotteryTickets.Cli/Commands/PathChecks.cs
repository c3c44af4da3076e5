namespace LotteryTickets.Cli.Commands;

/// <summary>
/// Checks of the files and folders a command reads and writes, made before any work so that a bad path is reported as
/// one sentence that names it and says what to do (a <see cref="CliFailureException"/>) rather than as .NET's text.
/// </summary>
internal static class PathChecks
{
    private static StringComparison Comparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The absolute form of <paramref name="path"/>, without a trailing separator.</summary>
    public static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>
    /// Whether <paramref name="first"/> and <paramref name="second"/> name the same file: equal after <see cref="Path.GetFullPath(string)"/>
    /// (ignoring case where the file system usually does), or an existing symbolic link to the other.
    /// </summary>
    public static bool SameFile(string first, string second) =>
        string.Equals(Canonical(first), Canonical(second), Comparison);

    /// <summary>Checks that <paramref name="storeFolder"/> is an existing folder (a store, or one experiment folder).</summary>
    /// <exception cref="CliFailureException">It is a file or does not exist.</exception>
    public static void StoreFolder(string storeFolder)
    {
        if (File.Exists(storeFolder))
        {
            throw new CliFailureException(
                $"The store folder '{Full(storeFolder)}' is a file, not a folder; pass the folder that holds the experiment folders, or one experiment folder.");
        }

        if (!Directory.Exists(storeFolder))
        {
            throw new CliFailureException(
                $"The store folder '{Path.GetFullPath(storeFolder)}' does not exist; pass the folder that holds the experiment folders, or one experiment folder.");
        }
    }

    /// <summary>Checks that the input file <paramref name="path"/> exists and is a file.</summary>
    /// <param name="path">The path given.</param>
    /// <param name="what">What the file holds, e.g. "weights".</param>
    /// <param name="option">The option that gave the path, e.g. "--weights".</param>
    /// <exception cref="CliFailureException">The path is a folder or does not exist.</exception>
    public static void InputFile(string path, string what, string option)
    {
        NotEmpty(path, $"'{option}'", $"{what} file");
        var full = Full(path);
        if (Directory.Exists(full))
        {
            throw new CliFailureException(
                $"The {what} file '{full}' given to '{option}' is a folder, not a file; pass the path of the {what} file itself (e.g. a .safetensors file inside that folder).");
        }

        if (!File.Exists(full))
        {
            throw new CliFailureException($"The {what} file '{full}' does not exist; check the path given to '{option}'.");
        }
    }

    /// <summary>Checks that the file <paramref name="path"/> can be written: it is not a folder, its folder exists or can be created, and the user may write there.</summary>
    /// <param name="path">The path given.</param>
    /// <param name="what">What the file is, e.g. "mask file".</param>
    /// <param name="where">Where the path came from, as it reads after "give", e.g. "'--out'".</param>
    /// <exception cref="CliFailureException">The file cannot be written.</exception>
    public static void OutputFile(string path, string what, string where)
    {
        NotEmpty(path, where, what);
        var full = Full(path);
        if (Directory.Exists(full))
        {
            throw new CliFailureException(
                $"The {what} '{full}' is a folder, so it cannot be written as a file; give {where} the path of a file, e.g. '{Path.Combine(full, "masks.safetensors")}'.");
        }

        if (File.Exists(full))
        {
            try
            {
                using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }
            catch (UnauthorizedAccessException)
            {
                throw new CliFailureException(
                    $"The {what} '{full}' exists and cannot be overwritten (permission denied); give {where} another path, or change the file's permissions.");
            }
            catch (IOException)
            {
                throw new CliFailureException(
                    $"The {what} '{full}' exists and cannot be overwritten (it may be in use or on a read-only disk); give {where} another path.");
            }

            return;
        }

        CheckCreatable(Path.GetDirectoryName(full), full, what, where);
    }

    /// <summary>Checks that the folder <paramref name="path"/> can be written: it is not a file, it exists or can be created, and the user may write there.</summary>
    /// <param name="path">The path given.</param>
    /// <param name="what">What the folder is, e.g. "store folder".</param>
    /// <param name="where">Where the path came from, as it reads after "give", e.g. "'--store'".</param>
    /// <exception cref="CliFailureException">The folder cannot be written.</exception>
    public static void OutputFolder(string path, string what, string where)
    {
        NotEmpty(path, where, what);
        var full = Full(path);
        if (File.Exists(full))
        {
            throw new CliFailureException(
                $"The {what} '{full}' is a file, not a folder; give {where} the path of a folder (or move that file away).");
        }

        CheckCreatable(full, full, what, where);
    }

    /// <summary>The sentence for a write to <paramref name="path"/> that failed despite the checks (e.g. the disk filled up).</summary>
    public static CliFailureException WriteFailed(string path, string what, string where, Exception error) => error switch
    {
        UnauthorizedAccessException => new CliFailureException(
            $"The {what} '{Full(path)}' could not be written (permission denied); give {where} a path you can write to, or change the permissions.", error),
        _ => new CliFailureException(
            $"The {what} '{Full(path)}' could not be written (the disk may be full, read-only or removed); give {where} a path on a disk you can write to.", error),
    };

    private static void NotEmpty(string path, string where, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliUsageException($"The path given to {where} is empty; give the path of the {what}.");
        }
    }

    private static void CheckCreatable(string? folder, string full, string what, string where)
    {
        // The nearest existing ancestor must be a folder we may write into; everything below it is created later.
        var existing = folder;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new CliFailureException(
                    $"The {what} '{full}' cannot be written because '{existing}' is a file, not a folder; give {where} a path whose folders are folders (or move that file away).");
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            throw new CliFailureException(
                $"The {what} '{full}' cannot be written because its drive or root folder does not exist; give {where} a path on an existing disk.");
        }

        var probe = Path.Combine(existing, ".lottery-write-check-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliFailureException(
                $"The {what} '{full}' cannot be written because the folder '{existing}' does not allow it (permission denied); give {where} a path in a folder you can write to, or change that folder's permissions.");
        }
        catch (IOException)
        {
            throw new CliFailureException(
                $"The {what} '{full}' cannot be written because nothing can be created in the folder '{existing}' (the disk may be read-only or full); give {where} a path on a disk you can write to.");
        }
    }

    private static string Canonical(string path)
    {
        var full = Full(path);
        try
        {
            if (File.Exists(full) && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target)
            {
                return Full(target.FullName);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return full;
    }
}
