namespace LotteryTickets.Storage;

/// <summary>
/// Runs of a store are marked done but their files do not match their manifests (<see cref="RunPaths.Damage"/>), so
/// their results are not read. The message lists every such run with what is wrong and says how to repair it:
/// <c>lottery run</c> trains a damaged run again, <c>lottery status --reset</c> clears it.
/// </summary>
public sealed class StoreDamagedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="runFolders">The folders of the damaged runs.</param>
    public StoreDamagedException(string message, IReadOnlyList<string> runFolders)
        : base(message)
    {
        RunFolders = runFolders;
    }

    /// <summary>Creates the exception with no details.</summary>
    public StoreDamagedException()
        : this("Runs of the store are damaged.")
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public StoreDamagedException(string message)
        : base(message)
    {
        RunFolders = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StoreDamagedException(string message, Exception innerException)
        : base(message, innerException)
    {
        RunFolders = [];
    }

    /// <summary>The folders of the damaged runs.</summary>
    public IReadOnlyList<string> RunFolders { get; }

    /// <summary>The exception for <paramref name="damaged"/> runs (folder, problems) found in <paramref name="experimentFolder"/>.</summary>
    /// <param name="experimentFolder">The experiment folder.</param>
    /// <param name="damaged">Each damaged run's folder and problems.</param>
    /// <returns>The exception.</returns>
    public static StoreDamagedException For(string experimentFolder, IReadOnlyList<(string Folder, IReadOnlyList<string> Problems)> damaged)
    {
        ArgumentNullException.ThrowIfNull(damaged);
        var lines = damaged.Select(d => $"- '{d.Folder}': {string.Join("; ", d.Problems)}.");
        var message = $"The experiment folder '{experimentFolder}' holds {damaged.Count} finished {(damaged.Count == 1 ? "run whose files do" : "runs whose files do")} not match {(damaged.Count == 1 ? "its manifest" : "their manifests")}, so no results were read:"
            + Environment.NewLine + string.Join(Environment.NewLine, lines) + Environment.NewLine
            + "Run the experiment again ('lottery run <file>') to train them again (training is deterministic), or clear one with "
            + $"'lottery status <store> --reset <run folder>'; 'lottery status <store> --verify' lists every run.";
        return new StoreDamagedException(message, [.. damaged.Select(d => d.Folder)]);
    }
}
