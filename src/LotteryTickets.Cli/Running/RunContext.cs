using LotteryTickets.Cli.Experiments;
using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Running;

/// <summary>What <c>lottery run</c> gives an <see cref="IExperimentLauncher"/> besides the experiment file.</summary>
public sealed class RunContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="experimentFilePath">The experiment file (absolute).</param>
    /// <param name="storeFolder">The store folder (absolute).</param>
    /// <param name="progress">Receives progress; drawn as bars on a terminal, as lines otherwise.</param>
    /// <param name="output">Receives the results (the table printed at the end).</param>
    /// <param name="error">Receives messages.</param>
    /// <param name="cancellationToken">Signalled when the user asks to stop (Ctrl+C).</param>
    public RunContext(
        string experimentFilePath, string storeFolder, IProgress<ExperimentProgress> progress, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentFilePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(storeFolder);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ExperimentFilePath = experimentFilePath;
        StoreFolder = storeFolder;
        Progress = progress;
        Output = output;
        Error = error;
        CancellationToken = cancellationToken;
    }

    /// <summary>The experiment file (absolute path).</summary>
    public string ExperimentFilePath { get; }

    /// <summary>The store folder (absolute path), from <c>--store</c> or <see cref="ExperimentFile.Store"/>.</summary>
    public string StoreFolder { get; }

    /// <summary>Receives progress reports; reports may come from any thread.</summary>
    public IProgress<ExperimentProgress> Progress { get; }

    /// <summary>Receives the results (e.g. the Markdown table of <c>ResultsTable.ToMarkdown</c>).</summary>
    public TextWriter Output { get; }

    /// <summary>Receives messages for the user.</summary>
    public TextWriter Error { get; }

    /// <summary>Signalled when the user asks to stop; a launcher stops at the next safe point (the store resumes later).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// This process's share of the experiment (from <c>--shard</c> or a scheduler's environment), or
    /// <see langword="null"/> to run every run; other processes with the other shards share the store.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Shard? Shard { get; init; }

    /// <summary>The registry that names the experiment's parts, with those of <c>--parts</c> assemblies.</summary>
    /// <value>The default value is <see cref="ComponentRegistry.BuiltIn"/>.</value>
    public ComponentRegistry Parts { get; init; } = ComponentRegistry.BuiltIn;
}
