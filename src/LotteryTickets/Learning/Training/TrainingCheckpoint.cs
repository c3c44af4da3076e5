using System.Globalization;
using System.Text.Json;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// The full state of a training run between two steps: model state dict, optimizer state,
/// learning-rate schedule position, data-loader position, iteration, evaluations so far, running
/// training loss, the states of the random generators the run uses and the states of its
/// <see cref="ICheckpointableCallback"/>s. A <see cref="Trainer"/>
/// started from it (<see cref="Trainer.Restore"/>) continues bit for bit as the original run did
/// (CPU, same options). Saved to a folder as safetensors files and one JSON file, atomically.
/// </summary>
/// <remarks>
/// The checkpoint owns its tensors (they belong to no dispose scope) and releases them
/// in <see cref="Dispose"/>. Restoring copies them, so one checkpoint can start any number of runs.
/// </remarks>
public sealed class TrainingCheckpoint : IDisposable
{
    /// <summary>The file holding the model's state dict.</summary>
    public const string ModelFileName = "model.safetensors";

    /// <summary>The file holding the optimizer's state (<see cref="OptimizerStateTensors"/>: tensors keyed by parameter names, groups in the metadata).</summary>
    public const string OptimizerFileName = "optimizer.safetensors";

    /// <summary>The file holding the random generators' states.</summary>
    public const string GeneratorsFileName = "generators.safetensors";

    /// <summary>The prefix of the files holding the callbacks' states: <c>callback.{StateName}.safetensors</c>, the text in the metadata.</summary>
    public const string CallbackFilePrefix = "callback.";

    /// <summary>The JSON file holding positions, evaluations and running loss; written last, it marks a complete checkpoint.</summary>
    public const string StateFileName = "checkpoint.json";

    private const int FormatVersion = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    private readonly Dictionary<string, Tensor> modelState;
    private const string CallbackTextKey = "text";

    private readonly Dictionary<string, Tensor> generatorStates;
    private readonly Dictionary<string, CallbackState> callbackStates;
    private bool disposed;

    internal TrainingCheckpoint(
        long iteration,
        LoaderPosition loaderPosition,
        long schedulerPosition,
        int batchesPerEpoch,
        Dictionary<string, Tensor> modelState,
        OptimizerStateTensors optimizerState,
        Dictionary<string, Tensor> generatorStates,
        IReadOnlyList<EvaluationRecord> evaluations,
        RunningLoss runningLoss,
        Dictionary<string, CallbackState>? callbackStates = null)
    {
        Iteration = iteration;
        LoaderPosition = loaderPosition;
        SchedulerPosition = schedulerPosition;
        BatchesPerEpoch = batchesPerEpoch;
        this.modelState = modelState;
        OptimizerState = optimizerState;
        this.generatorStates = generatorStates;
        Evaluations = [.. evaluations];
        RunningLoss = runningLoss;
        this.callbackStates = callbackStates ?? new Dictionary<string, CallbackState>(StringComparer.Ordinal);
    }

    /// <summary>The number of optimizer steps taken when the checkpoint was captured.</summary>
    public long Iteration { get; }

    /// <summary>The position of the next training batch.</summary>
    public LoaderPosition LoaderPosition { get; }

    /// <summary>The learning-rate scheduler's position.</summary>
    public long SchedulerPosition { get; }

    /// <summary>The number of batches per epoch of the run (a trainer restoring the checkpoint must have the same).</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>The model's parameters and buffers by state-dict name. Owned by the checkpoint.</summary>
    public IReadOnlyDictionary<string, Tensor> ModelState => modelState;

    /// <summary>The optimizer's state. Owned by the checkpoint.</summary>
    public OptimizerStateTensors OptimizerState { get; }

    /// <summary>The state (<c>torch.Generator.get_state()</c>) of each random generator the run tracks, by name. Owned by the checkpoint.</summary>
    public IReadOnlyDictionary<string, Tensor> GeneratorStates => generatorStates;

    /// <summary>The states of the run's <see cref="ICheckpointableCallback"/>s by <see cref="ICheckpointableCallback.StateName"/>. Owned by the checkpoint.</summary>
    public IReadOnlyDictionary<string, CallbackState> CallbackStates => callbackStates;

    /// <summary>The evaluations recorded up to the checkpoint.</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations { get; }

    /// <summary>The training losses accumulated since the last evaluation.</summary>
    public RunningLoss RunningLoss { get; }

    /// <summary>Whether <paramref name="folder"/> holds a complete checkpoint (its <see cref="StateFileName"/> exists).</summary>
    public static bool Exists(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return File.Exists(Path.Combine(folder, StateFileName));
    }

    /// <summary>
    /// Writes the checkpoint to <paramref name="folder"/>: the files are written into a temporary
    /// sibling folder which then replaces <paramref name="folder"/>, so a reader sees either the old
    /// checkpoint or the new one, never a part.
    /// </summary>
    /// <param name="folder">The checkpoint folder; created (with its parents) if missing, replaced if present.</param>
    /// <exception cref="ObjectDisposedException">The checkpoint is disposed.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public void Save(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ObjectDisposedException.ThrowIf(disposed, this);
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            WriteFiles(temp);
            if (Directory.Exists(full))
            {
                var old = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
                Directory.Move(full, old);
                Directory.Move(temp, full);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, full);
            }
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Reads a checkpoint written by <see cref="Save"/>. The tensors are on the CPU; restoring moves them to the model's device.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <returns>A checkpoint owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The folder holds no complete checkpoint.</exception>
    /// <exception cref="InvalidDataException">A file of the checkpoint is malformed.</exception>
    public static TrainingCheckpoint Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var statePath = Path.Combine(folder, StateFileName);
        if (!File.Exists(statePath))
        {
            throw new FileNotFoundException(
                $"No training checkpoint was found in '{folder}': '{StateFileName}' is missing. Save one with TrainingCheckpoint.Save or a CheckpointCallback first.",
                statePath);
        }

        CheckpointFile file;
        try
        {
            file = JsonSerializer.Deserialize<CheckpointFile>(File.ReadAllText(statePath), Json)
                ?? throw new InvalidDataException($"The checkpoint file '{statePath}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The checkpoint file '{statePath}' is not valid JSON: {e.Message}", e);
        }

        if (file.Format != FormatVersion)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The checkpoint file '{statePath}' has format {file.Format}; this version of LotteryTickets reads format {FormatVersion}."));
        }

        Dictionary<string, Tensor>? model = null;
        OptimizerStateTensors? optimizer = null;
        Dictionary<string, Tensor>? generators = null;
        var callbacks = new Dictionary<string, CallbackState>(StringComparer.Ordinal);
        try
        {
            model = Owned(SafeTensors.Load(Path.Combine(folder, ModelFileName)));
            optimizer = OptimizerStateTensors.Load(Path.Combine(folder, OptimizerFileName));
            generators = Owned(SafeTensors.Load(Path.Combine(folder, GeneratorsFileName)));
            foreach (var name in file.Callbacks ?? [])
            {
                if (!IsValidStateName(name))
                {
                    throw new InvalidDataException(
                        $"The checkpoint file '{statePath}' names a callback state '{name}'; a state name holds only letters, digits, '-', '_' and '.'.");
                }

                var path = Path.Combine(folder, CallbackFileName(name));
                var tensors = SafeTensors.Load(path);
                var metadata = SafeTensors.ReadMetadata(path);
                callbacks[name] = new CallbackState(tensors, metadata.TryGetValue(CallbackTextKey, out var text) ? text : string.Empty);
            }

            return new TrainingCheckpoint(
                file.Iteration,
                new LoaderPosition(file.Epoch, file.Batch),
                file.SchedulerPosition,
                file.BatchesPerEpoch,
                model,
                optimizer,
                generators,
                file.Evaluations ?? [],
                new RunningLoss(file.RunningLossSum, file.RunningLossCount),
                callbacks);
        }
        catch
        {
            foreach (var c in callbacks.Values)
            {
                c.Dispose();
            }

            DisposeAll(model);
            optimizer?.Dispose();
            DisposeAll(generators);
            throw;
        }
    }

    /// <summary>Releases the checkpoint's tensors.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        DisposeAll(modelState);
        DisposeAll(generatorStates);
        OptimizerState.Dispose();

        foreach (var c in callbackStates.Values)
        {
            c.Dispose();
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    private void WriteFiles(string folder)
    {
        SafeTensors.Save(Path.Combine(folder, ModelFileName), modelState);
        OptimizerState.Save(Path.Combine(folder, OptimizerFileName));

        SafeTensors.Save(Path.Combine(folder, GeneratorsFileName), generatorStates);
        foreach (var (name, state) in callbackStates)
        {
            SafeTensors.Save(
                Path.Combine(folder, CallbackFileName(name)),
                state.Tensors,
                new Dictionary<string, string>(StringComparer.Ordinal) { [CallbackTextKey] = state.Text });
        }

        var file = new CheckpointFile(
            FormatVersion, Iteration, LoaderPosition.Epoch, LoaderPosition.Batch, BatchesPerEpoch, SchedulerPosition,
            RunningLoss.Sum, RunningLoss.Count, [.. Evaluations], callbackStates.Count == 0 ? null : [.. callbackStates.Keys]);
        var statePath = Path.Combine(folder, StateFileName);
        using (var stream = new FileStream(statePath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, file, Json);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Whether <paramref name="name"/> can name a callback state: letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    internal static bool IsValidStateName(string? name) =>
        !string.IsNullOrEmpty(name) && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string CallbackFileName(string name) => CallbackFilePrefix + name + ".safetensors";

    private static Dictionary<string, Tensor> Owned(Dictionary<string, Tensor> tensors)
    {
        foreach (var t in tensors.Values)
        {
            t.DetachFromDisposeScope();
        }

        return tensors;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
        {
            return;
        }

        foreach (var t in tensors.Values)
        {
            t.Dispose();
        }
    }

    /// <summary>The JSON layout of <see cref="StateFileName"/>.</summary>
    private sealed record CheckpointFile(
        int Format,
        long Iteration,
        int Epoch,
        int Batch,
        int BatchesPerEpoch,
        long SchedulerPosition,
        double RunningLossSum,
        long RunningLossCount,
        List<EvaluationRecord>? Evaluations,
        List<string>? Callbacks = null);
}
