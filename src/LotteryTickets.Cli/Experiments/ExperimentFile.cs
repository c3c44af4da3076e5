namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// An experiment as written in a JSON or YAML file for <c>lottery run</c>: a plain data object, bound by
/// <see cref="ExperimentFileLoader"/> and checked by <see cref="ExperimentFileValidator"/>. Keys are the property
/// names in camelCase (matched ignoring case, '_' and '-'). See <c>docs/cli.md</c> and
/// <c>samples/experiments/lenet-fashion-mnist.yaml</c>.
/// </summary>
public sealed class ExperimentFile
{
    /// <summary>The default number of trials.</summary>
    public const int DefaultTrials = 1;

    /// <summary>The default rewind point.</summary>
    public const string DefaultRewind = "init";

    /// <summary>The default device.</summary>
    public const string DefaultDevice = "cpu";

    /// <summary>The default store folder.</summary>
    public const string DefaultStore = "store";

    /// <summary>The experiment's name: it names its folder in the store (<c>&lt;name&gt;-&lt;hash&gt;</c>). Required.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Name { get; set; }

    /// <summary>The network, from the model zoo. Required.</summary>
    /// <value>The default value is an empty section.</value>
    public ModelSection Model { get; set; } = new();

    /// <summary>The data set. Required.</summary>
    /// <value>The default value is an empty section.</value>
    public DatasetSection Dataset { get; set; } = new();

    /// <summary>How each run trains. <c>duration</c> is required.</summary>
    /// <value>The default value is an empty section.</value>
    public TrainingSection Training { get; set; } = new();

    /// <summary>How masks are computed and how much is pruned per level. Required.</summary>
    /// <value>The default value is an empty section.</value>
    public PruningSection Pruning { get; set; } = new();

    /// <summary>
    /// Where surviving weights go after pruning: <c>init</c> (Frankle &amp; Carbin), <c>iteration:k</c> or
    /// <c>epoch:k</c> (late rewinding), <c>none</c> (fine-tuning), <c>lr</c> (learning-rate rewinding), or a rewind
    /// policy of the registry by name (<c>LotteryTickets.Experiments.ComponentRegistry.RewindPolicies</c>).
    /// </summary>
    /// <value>The default value is <c>init</c>.</value>
    public string Rewind { get; set; } = DefaultRewind;

    /// <summary>Control branches run at every level beside the main one: branch name → ticket transforms by name (e.g. <c>random_reinit</c>, <c>snip(samplesPerClass=20)</c>, a list for a chain).</summary>
    /// <value>The default value is empty (no branches).</value>
    public Dictionary<string, string> Branches { get; set; } = [];

    /// <summary>Analyses of the trained networks, e.g. <c>analysis: { instability: { rewindPoints: [0it, 100it] } }</c>.</summary>
    /// <value>The default value is an empty section (no analysis).</value>
    public AnalysisSection Analysis { get; set; } = new();

    /// <summary>The number of independent trials (each with its own seed derived from <see cref="Seed"/>).</summary>
    /// <value>The default value is 1.</value>
    public int Trials { get; set; } = DefaultTrials;

    /// <summary>The experiment's seed.</summary>
    /// <value>The default value is 0.</value>
    public ulong Seed { get; set; }

    /// <summary>Where to train: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; <c>--device</c> overrides it.</summary>
    /// <value>The default value is <c>cpu</c>.</value>
    public string Device { get; set; } = DefaultDevice;

    /// <summary>The store folder (relative to the current directory); <c>--store</c> overrides it.</summary>
    /// <value>The default value is <c>store</c>.</value>
    public string Store { get; set; } = DefaultStore;
}
