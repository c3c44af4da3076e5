using System.Globalization;
using System.Text.Json;
using LotteryTickets.Masks;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <content>The callback's state in checkpoints: what it saves and how it is restored (resume or rewind).</content>
public sealed partial class GradualPruningCallback
{
    /// <inheritdoc />
    public CallbackState GetState()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var layer in Layers)
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
            snapshotIteration,
            IsResetAtEndDone,
            TrainedEvaluation,
            [.. History.Select(h => new HistoryFile(h.Iteration, [.. h.Sparsity.Layers.Select(l => l.Remaining)]))]);
        return new CallbackState(tensors, JsonSerializer.Serialize(file, Json));
    }

    /// <inheritdoc />
    /// <remarks>Both modes take over the mask, snapshot, history, reset-at-end record and generator state.</remarks>
    public void SetState(CallbackState state, CheckpointRestoreMode mode)
    {
        ArgumentNullException.ThrowIfNull(state);
        ObjectDisposedException.ThrowIf(disposed, this);
        var file = ReadStateFile(state.Text);
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
            if (entry.Remaining is null || entry.Remaining.Length != Layers.Count)
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The history entry of iteration {entry.Iteration} has {entry.Remaining?.Length ?? 0} layer counts, but the callback has {Layers.Count} layers."));
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The state does not fit the gradual pruning callback '{StateName}'; restore a state saved by a callback built for the same model." + Environment.NewLine + "- " +
                string.Join(Environment.NewLine + "- ", problems),
                nameof(state));
        }

        var next = Mask.Create(Prefixed(state.Tensors, MaskPrefix), Layers);

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
            DisposeAll(nextSnapshot);
            DisposeAll(nextTrained);
            throw;
        }

        var nextHistory = (file.History ?? []).Select(entry => new SparsityHistoryEntry(
            entry.Iteration, new SparsityReport(Layers.Select((l, i) => new LayerSparsity(l.Name, l.Count, entry.Remaining![i])))));
        sparsifier.Restore(next, nextSnapshot, [.. nextHistory]);
        snapshotIteration = file.SnapshotIteration;
        DisposeAll(trainedWeights);
        trainedWeights = nextTrained;
        TrainedEvaluation = file.TrainedEvaluation;
        IsResetAtEndDone = file.ResetAtEndDone;
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


    private StateFile ReadStateFile(string text)
    {
        StateFile? file;
        try
        {
            file = JsonSerializer.Deserialize<StateFile>(text, Json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The state of the gradual pruning callback '{StateName}' is not valid JSON: {e.Message}", nameof(text), e);
        }

        if (file is null || file.Format != StateFormat)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The state of the gradual pruning callback '{StateName}' has format {file?.Format}; this version reads format {StateFormat}."),
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
