namespace LotteryTickets.Storage;

/// <summary>What a killed writer leaves in a folder: temporary files (<see cref="AtomicFile"/>) and the temporary folders of checkpoints being saved, all named with a leading '.'.</summary>
internal static class FolderLeftovers
{
    /// <summary>
    /// Removes them from <paramref name="folder"/> (not below it). Only for a folder this process alone writes now (one
    /// it holds the <see cref="RunLock"/> of), since a live writer's temporary files look the same.
    /// </summary>
    /// <param name="folder">The folder; nothing happens when it does not exist.</param>
    public static void Remove(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder).Where(f => AtomicFile.IsTemporaryFile(Path.GetFileName(f))))
        {
            File.Delete(file);
        }

        foreach (var directory in Directory.EnumerateDirectories(folder).Where(d => Path.GetFileName(d).StartsWith('.')))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Removes a run's checkpoint folder <paramref name="name"/> and the temporary folders of checkpoints being saved
    /// there, once the run's results are written and before its <c>done</c> marker (a marker never sits beside a
    /// checkpoint: a run killed between the two trains again instead).
    /// </summary>
    /// <param name="folder">The run's folder.</param>
    /// <param name="name">The checkpoint folder's name.</param>
    public static void RemoveCheckpoints(string folder, string name)
    {
        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var entry = Path.GetFileName(directory);
            if (entry == name || entry.StartsWith("." + name + ".", StringComparison.Ordinal))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
