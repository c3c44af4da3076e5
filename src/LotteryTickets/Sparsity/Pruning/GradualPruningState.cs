using System.Globalization;
using System.Text.Json;
using LotteryTickets.Masks;
using LotteryTickets.Training;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// What a <see cref="GradualPruningCallback"/> keeps beside its <see cref="Sparsifier"/> — the iteration of the snapshot
/// and the reset-at-end record (trained weights and evaluation) — and the callback's whole state in a checkpoint: the
/// sparsifier's mask, snapshot and history, this record and the generator's state, saved as a
/// <see cref="CallbackState"/> (tensors under <c>mask/</c>, <c>snapshot/</c>, <c>trained/</c> and <c>generator</c>, the
/// rest as JSON) and restored from one.
/// </summary>
/// <remarks>Ownership: the state owns the recorded trained weights; the sparsifier and generator are borrowed.</remarks>
internal sealed class GradualPruningState : IDisposable
{
    private const int StateFormat = 1;
    private const string MaskPrefix = "mask/";
    private const string SnapshotPrefix = "snapshot/";
    private const string TrainedPrefix = "trained/";
    private const string GeneratorKey = "generator";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private OrderedDictionary<string, Tensor>? trainedWeights;

    /// <summary>The iteration at which the snapshot was saved, or <see langword="null"/> before it.</summary>
    public long? SnapshotIteration { get; set; }

    /// <summary>The trained state dict recorded at the end of the run before the reset (owned), or <see langword="null"/>.</summary>
    public OrderedDictionary<string, Tensor>? TrainedWeights => trainedWeights;

    /// <summary>The evaluation recorded at the end of the run before the reset, or <see langword="null"/>.</summary>
    public EvaluationRecord? TrainedEvaluation { get; private set; }

    /// <summary>Whether the reset at the end has been done.</summary>
    public bool IsResetAtEndDone { get; set; }

    /// <summary>Records the trained weights (owned) and the evaluation taken just before the reset at the end.</summary>
    public void RecordTrained(OrderedDictionary<string, Tensor> trained, EvaluationRecord? evaluation)
    {
        StateDicts.DisposeAll(trainedWeights?.Values);
        trainedWeights = trained;
        TrainedEvaluation = evaluation;
    }

    /// <summary>The callback's state for a checkpoint: copies of the mask, snapshot and trained weights, the generator's state, and the rest as JSON.</summary>
    public CallbackState Save(Sparsifier sparsifier, Generator generator)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var layer in sparsifier.Layers)
            {
                tensors[MaskPrefix + layer.Name] = sparsifier.Mask[layer.Name].clone().DetachFromDisposeScope();
            }

            AddCopies(tensors, SnapshotPrefix, sparsifier.Snapshot);
            AddCopies(tensors, TrainedPrefix, trainedWeights);
            tensors[GeneratorKey] = generator.get_state().DetachFromDisposeScope();
        }
        catch
        {
            foreach (var t in tensors.Values)
            {
                t.Dispose();
            }

            throw;
        }

        var file = new StateFile(
            StateFormat,
            SnapshotIteration,
            IsResetAtEndDone,
            TrainedEvaluation,
            [.. sparsifier.History.Select(h => new HistoryFile(h.Iteration, [.. h.Sparsity.Layers.Select(l => l.Remaining)]))]);
        return new CallbackState(tensors, JsonSerializer.Serialize(file, Json));
    }

    /// <summary>
    /// Takes over <paramref name="state"/>: puts its mask, snapshot and history in force in <paramref name="sparsifier"/>,
    /// its generator state in <paramref name="generator"/>, and its record here. Nothing changes when the state does not fit.
    /// </summary>
    /// <exception cref="ArgumentException">The state does not fit the callback (named <paramref name="stateName"/> in the message).</exception>
    public void Restore(CallbackState state, Sparsifier sparsifier, Generator generator, string stateName)
    {
        var layers = sparsifier.Layers;
        var file = ReadStateFile(state.Text, stateName);
        var problems = new List<string>();
        if (!state.Tensors.ContainsKey(GeneratorKey))
        {
            problems.Add($"The state has no '{GeneratorKey}' tensor.");
        }

        if (file.SnapshotIteration is not null && !state.Tensors.Keys.Any(k => k.StartsWith(SnapshotPrefix, StringComparison.Ordinal)))
        {
            problems.Add("The state records a snapshot but holds no snapshot tensors.");
        }

        foreach (var entry in file.History ?? [])
        {
            if (entry.Remaining is null || entry.Remaining.Length != layers.Count)
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The history entry of iteration {entry.Iteration} has {entry.Remaining?.Length ?? 0} layer counts, but the callback has {layers.Count} layers."));
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The state does not fit the gradual pruning callback '{stateName}'; restore a state saved by a callback built for the same model." + Environment.NewLine + "- " +
                string.Join(Environment.NewLine + "- ", problems),
                nameof(state));
        }

        var next = Mask.Create(Prefixed(state.Tensors, MaskPrefix), layers);

        OrderedDictionary<string, Tensor>? nextSnapshot = null;
        OrderedDictionary<string, Tensor>? nextTrained = null;
        try
        {
            nextSnapshot = file.SnapshotIteration is null ? null : StateDicts.CloneOwned(Prefixed(state.Tensors, SnapshotPrefix));
            var trained = Prefixed(state.Tensors, TrainedPrefix);
            nextTrained = trained.Count == 0 ? null : StateDicts.CloneOwned(trained);
            generator.set_state(state.Tensors[GeneratorKey]);
        }
        catch
        {
            next.Dispose();
            StateDicts.DisposeAll(nextSnapshot?.Values);
            StateDicts.DisposeAll(nextTrained?.Values);
            throw;
        }

        var nextHistory = (file.History ?? []).Select(entry => new SparsityHistoryEntry(
            entry.Iteration, new SparsityReport(layers.Select((l, i) => new LayerSparsity(l.Name, l.Count, entry.Remaining![i])))));
        sparsifier.Restore(next, nextSnapshot, [.. nextHistory]);
        SnapshotIteration = file.SnapshotIteration;
        StateDicts.DisposeAll(trainedWeights?.Values);
        trainedWeights = nextTrained;
        TrainedEvaluation = file.TrainedEvaluation;
        IsResetAtEndDone = file.ResetAtEndDone;
    }

    /// <summary>Releases the recorded trained weights.</summary>
    public void Dispose()
    {
        StateDicts.DisposeAll(trainedWeights?.Values);
        trainedWeights = null;
    }

    private static OrderedDictionary<string, Tensor> Prefixed(IReadOnlyDictionary<string, Tensor> tensors, string prefix)
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                result[name[prefix.Length..]] = tensor;
            }
        }

        return result;
    }

    private static void AddCopies(Dictionary<string, Tensor> target, string prefix, IEnumerable<KeyValuePair<string, Tensor>>? source)
    {
        foreach (var (name, tensor) in source ?? [])
        {
            target[prefix + name] = tensor.clone().DetachFromDisposeScope();
        }
    }

    private static StateFile ReadStateFile(string text, string stateName)
    {
        StateFile? file;
        try
        {
            file = JsonSerializer.Deserialize<StateFile>(text, Json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The state of the gradual pruning callback '{stateName}' is not valid JSON: {e.Message}", nameof(text), e);
        }

        if (file is null || file.Format != StateFormat)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The state of the gradual pruning callback '{stateName}' has format {file?.Format}; this version reads format {StateFormat}."),
                nameof(text));
        }

        return file;
    }

    /// <summary>The JSON layout of the callback's state text.</summary>
    private sealed record StateFile(
        int Format, long? SnapshotIteration, bool ResetAtEndDone, EvaluationRecord? TrainedEvaluation, List<HistoryFile>? History);

    /// <summary>One history entry: the iteration and the remaining count per layer, in layer order.</summary>
    private sealed record HistoryFile(long Iteration, long[]? Remaining);
}
