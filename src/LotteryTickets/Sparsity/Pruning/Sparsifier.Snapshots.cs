using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <content>Snapshots and rewinding: the weights (and optionally the optimizer's state) at a chosen step.</content>
public sealed partial class Sparsifier
{
    private OrderedDictionary<string, Tensor>? snapshot;
    private byte[]? optimizerSnapshot;

    /// <summary>The snapshot (every parameter and buffer of the model), or <see langword="null"/> before one is taken. Borrowed.</summary>
    public IReadOnlyDictionary<string, Tensor>? Snapshot => snapshot;

    /// <summary>
    /// Copies every parameter and buffer of the model (the state dict) as the point to rewind to, replacing any earlier
    /// snapshot; with <paramref name="optimizer"/>, its state too (momentum, Adam moments, step counts, learning rates), so
    /// that <see cref="Rewind"/> restores the whole training state of the step (late rewinding). Its copy is also the
    /// criterion's initial weights (for <c>large_init</c>, <c>movement</c>, …) at later pruning steps.
    /// </summary>
    /// <param name="optimizer">The optimizer (or the <see cref="MaskedOptimizer"/> wrapping it) whose state to copy; <see langword="null"/> for the weights only.</param>
    /// <exception cref="ArgumentException">The optimizer cannot save its state: TorchSharp saves the state of the optimizers derived from <c>OptimizerHelper</c> (SGD, Adam, AdamW, RMSprop, Adagrad, …).</exception>
    public void TakeSnapshot(optim.Optimizer? optimizer = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var target = Model;
        var optimizerState = optimizer is null ? null : SaveOptimizer(optimizer);
        var next = StateDicts.Snapshot(target);
        StateDicts.DisposeAll(snapshot?.Values);
        snapshot = next;
        optimizerSnapshot = optimizerState;
    }

    /// <summary>
    /// Loads the snapshot into the model (every parameter and buffer) and sets the pruned weights to +0.0: the ticket
    /// (mask, weights of the snapshot's step). With <paramref name="optimizer"/>, restores the optimizer state saved with the
    /// snapshot as well.
    /// </summary>
    /// <param name="optimizer">The optimizer whose state to restore (the one, or one of the same type over the same parameters, given to <see cref="TakeSnapshot"/>); <see langword="null"/> to leave it alone.</param>
    /// <exception cref="InvalidOperationException">No snapshot was taken, or <paramref name="optimizer"/> is given but the snapshot holds no optimizer state.</exception>
    public void Rewind(optim.Optimizer? optimizer = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var start = snapshot ?? throw new InvalidOperationException(
            "The sparsifier has no snapshot to rewind to; call TakeSnapshot() at the step to rewind to first.");
        if (optimizer is not null && optimizerSnapshot is null)
        {
            throw new InvalidOperationException(
                "The snapshot holds no optimizer state; pass the optimizer to TakeSnapshot(optimizer) to rewind it, or call Rewind() without it.");
        }

        StateDicts.Load(Model, start, strict: true);
        if (optimizer is not null)
        {
            LoadOptimizer(optimizer, optimizerSnapshot!);
        }

        ApplyMask();
    }

    /// <summary>Puts a checkpointed state in force (the callback's restore): the mask (owned), the snapshot (owned) and the history.</summary>
    internal void Restore(Masks.Mask next, OrderedDictionary<string, Tensor>? nextSnapshot, IEnumerable<SparsityHistoryEntry> nextHistory)
    {
        Replace(next);
        StateDicts.DisposeAll(snapshot?.Values);
        snapshot = nextSnapshot;
        optimizerSnapshot = null;
        history.Clear();
        history.AddRange(nextHistory);
    }

    private static byte[] SaveOptimizer(optim.Optimizer optimizer)
    {
        var helper = Saveable(optimizer);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            helper.save_state_dict(writer);
        }

        return stream.ToArray();
    }

    private static void LoadOptimizer(optim.Optimizer optimizer, byte[] state)
    {
        var helper = Saveable(optimizer);
        using var stream = new MemoryStream(state, writable: false);
        using var reader = new BinaryReader(stream);
        try
        {
            helper.load_state_dict(reader);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException)
        {
            throw new ArgumentException(
                $"The optimizer '{helper.GetType().Name}' does not take the state saved with the snapshot: {e.Message} Rewind the optimizer given to TakeSnapshot, or one built the same way.",
                nameof(optimizer),
                e);
        }
    }

    private static OptimizerHelper Saveable(optim.Optimizer optimizer)
    {
        var inner = optimizer is MaskedOptimizer wrapped ? wrapped.Inner : optimizer;
        return inner as OptimizerHelper ?? throw new ArgumentException(
            $"The optimizer '{inner.GetType().Name}' cannot save its state: TorchSharp saves the state of optimizers derived from OptimizerHelper (SGD, Adam, AdamW, RMSprop, Adagrad, …). Snapshot the weights only (TakeSnapshot() without the optimizer).",
            nameof(optimizer));
    }
}
