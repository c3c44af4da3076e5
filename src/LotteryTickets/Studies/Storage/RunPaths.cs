using LotteryTickets.Results;

namespace LotteryTickets.Storage;

/// <summary>
/// The folder of one run in the store, <c>&lt;root&gt;/&lt;name&gt;-&lt;hash&gt;/trial_&lt;t&gt;/level_&lt;l&gt;/&lt;branch&gt;/</c>, and
/// the files in it. A run is finished when its <see cref="DoneMarker"/> exists — written last, holding the
/// <see cref="RunManifest"/> of the run's files — and those files still match it (<see cref="IsDone"/>).
/// </summary>
public sealed class RunPaths
{
    /// <summary>The file name of the mask (safetensors, one 0/1 tensor per prunable parameter).</summary>
    public const string MaskFileName = "mask.safetensors";

    /// <summary>The file name of the weights the run started training from.</summary>
    public const string StartFileName = "start.safetensors";

    /// <summary>The file name of the weights at the end of training.</summary>
    public const string FinalFileName = "final.safetensors";

    /// <summary>The file name of the metrics as JSON (<see cref="MetricsJson"/>).</summary>
    public const string MetricsJsonFileName = "metrics.json";

    /// <summary>The file name of the metrics as CSV (<see cref="MetricsCsv"/>).</summary>
    public const string MetricsCsvFileName = "metrics.csv";

    /// <summary>The file name of the sparsity report (<see cref="SparsityReportJson"/>).</summary>
    public const string SparsityFileName = "sparsity.json";

    /// <summary>The file name of the marker that says the run finished; it holds the run's <see cref="RunManifest"/> (empty for runs finished before manifests existed).</summary>
    public const string DoneMarkerFileName = "done";

    internal RunPaths(RunKey key, string folder)
    {
        Key = key;
        Folder = folder;
    }

    /// <summary>Which run.</summary>
    public RunKey Key { get; }

    /// <summary>The run's folder.</summary>
    public string Folder { get; }

    /// <summary>The mask file.</summary>
    public string MaskFile => Path.Combine(Folder, MaskFileName);

    /// <summary>The starting weights file.</summary>
    public string StartFile => Path.Combine(Folder, StartFileName);

    /// <summary>The final weights file.</summary>
    public string FinalFile => Path.Combine(Folder, FinalFileName);

    /// <summary>The metrics JSON file.</summary>
    public string MetricsJsonFile => Path.Combine(Folder, MetricsJsonFileName);

    /// <summary>The metrics CSV file.</summary>
    public string MetricsCsvFile => Path.Combine(Folder, MetricsCsvFileName);

    /// <summary>The sparsity report file.</summary>
    public string SparsityFile => Path.Combine(Folder, SparsityFileName);

    /// <summary>The marker file that says the run finished.</summary>
    public string DoneMarker => Path.Combine(Folder, DoneMarkerFileName);

    /// <summary>Whether the run finished: its <see cref="DoneMarker"/> exists and its files match the manifest in it (<see cref="Damage"/> is empty).</summary>
    public bool IsDone => HasDoneMarker && Damage.Count == 0;

    /// <summary>Whether the <see cref="DoneMarker"/> exists, whatever the state of the run's files.</summary>
    public bool HasDoneMarker => File.Exists(DoneMarker);

    /// <summary>
    /// What is wrong with a finished run's files: each file its manifest lists that is missing, of another size or with
    /// another SHA-256 (hashed once per process while the files do not change); for a run finished before manifests
    /// existed (an empty marker), a result file missing or a safetensors file incomplete. Empty when the run has no marker.
    /// </summary>
    public IReadOnlyList<string> Damage => RunIntegrity.Check(Folder, checkHashes: true);

    /// <summary>Creates the run's folder if it does not exist.</summary>
    /// <returns>This object.</returns>
    public RunPaths EnsureFolder()
    {
        Directory.CreateDirectory(Folder);
        return this;
    }
}
