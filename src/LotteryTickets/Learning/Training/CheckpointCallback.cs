using System.Globalization;

namespace LotteryTickets.Training;

/// <summary>
/// Saves a <see cref="TrainingCheckpoint"/> to disk at chosen points of training (after the step
/// and the evaluation of that iteration; iteration 0 before the first step), and optionally when a run
/// stops early, so that a killed or cancelled run can resume exactly.
/// </summary>
public sealed class CheckpointCallback : ITrainingCallback
{
    private readonly Func<long, string> folderForIteration;
    private readonly TrainingDuration[] points;
    private readonly List<string> saved = [];
    private HashSet<long> iterations = [];

    /// <summary>Saves into <c>{directory}/iteration_{k}</c> at each of <paramref name="points"/>.</summary>
    /// <param name="directory">The folder that receives one checkpoint folder per point.</param>
    /// <param name="points">Where to save, in iterations or epochs (epochs are converted when training starts).</param>
    public CheckpointCallback(string directory, IEnumerable<TrainingDuration> points)
        : this(FolderUnder(directory), points)
    {
    }

    /// <summary>Saves into <c>{directory}/iteration_{k}</c> at each of <paramref name="iterations"/>.</summary>
    /// <param name="directory">The folder that receives one checkpoint folder per iteration.</param>
    /// <param name="iterations">The iterations at which to save.</param>
    public CheckpointCallback(string directory, params long[] iterations)
        : this(FolderUnder(directory), (iterations ?? throw new ArgumentNullException(nameof(iterations))).Select(TrainingDuration.Iterations))
    {
    }

    /// <summary>Saves into the folder <paramref name="folderForIteration"/> names for each iteration, at each of <paramref name="points"/>.</summary>
    /// <param name="folderForIteration">The checkpoint folder for an iteration.</param>
    /// <param name="points">Where to save, in iterations or epochs.</param>
    public CheckpointCallback(Func<long, string> folderForIteration, IEnumerable<TrainingDuration> points)
    {
        ArgumentNullException.ThrowIfNull(folderForIteration);
        ArgumentNullException.ThrowIfNull(points);
        this.folderForIteration = folderForIteration;
        this.points = [.. points];
    }

    /// <summary>Whether to also save when a run stops before its end (cancelled or stopped by a callback).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SaveOnStop { get; init; }

    /// <summary>The folders written so far, in order.</summary>
    public IReadOnlyList<string> SavedFolders => saved;

    /// <summary>The conventional folder of the checkpoint at <paramref name="iteration"/> under <paramref name="directory"/>.</summary>
    public static string FolderFor(string directory, long iteration)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"iteration_{iteration}"));
    }

    /// <inheritdoc />
    public void OnTrainingStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        iterations = [.. points.Select(p => p.ToIterations(state.BatchesPerEpoch))];
        if (state.Iteration == 0)
        {
            SaveIfDue(state);
        }
    }

    /// <inheritdoc />
    public void OnIterationEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        SaveIfDue(state);
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (SaveOnStop && state.StopRequested && !iterations.Contains(state.Iteration))
        {
            Save(state);
        }
    }

    private void SaveIfDue(TrainingState state)
    {
        if (iterations.Contains(state.Iteration))
        {
            Save(state);
        }
    }

    private void Save(TrainingState state)
    {
        var folder = folderForIteration(state.Iteration);
        using var checkpoint = state.CreateCheckpoint();
        checkpoint.Save(folder);
        saved.Add(folder);
    }

    private static Func<long, string> FolderUnder(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return iteration => FolderFor(directory, iteration);
    }
}
