using TorchSharp.Modules;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// The point a <see cref="Sparsifier"/> rewinds to: a copy of every parameter and buffer of the model at a chosen step
/// and, optionally, the optimizer's state of that step (momentum, Adam moments, step counts, learning rates), saved
/// through TorchSharp's <see cref="OptimizerHelper"/> state dict.
/// </summary>
/// <remarks>Ownership: the snapshot owns its copies of the weights and releases them when replaced or disposed; models and optimizers are borrowed.</remarks>
internal sealed class SparsifierSnapshot : IDisposable
{
    private OrderedDictionary<string, Tensor>? weights;
    private byte[]? optimizerState;

    /// <summary>The copied state dict, or <see langword="null"/> before one is taken. Borrowed.</summary>
    public OrderedDictionary<string, Tensor>? Weights => weights;

    /// <summary>Copies <paramref name="model"/>'s state dict and, with <paramref name="optimizer"/>, its state, replacing any earlier snapshot.</summary>
    /// <exception cref="ArgumentException">The optimizer cannot save its state.</exception>
    public void Take(nn.Module model, optim.Optimizer? optimizer)
    {
        var nextOptimizerState = optimizer is null ? null : SaveOptimizer(optimizer);
        var next = StateDicts.Snapshot(model);
        StateDicts.DisposeAll(weights?.Values);
        weights = next;
        optimizerState = nextOptimizerState;
    }

    /// <summary>Loads the snapshot into <paramref name="model"/> (every parameter and buffer) and, with <paramref name="optimizer"/>, the optimizer state saved with it.</summary>
    /// <exception cref="InvalidOperationException">No snapshot was taken, or <paramref name="optimizer"/> is given but the snapshot holds no optimizer state.</exception>
    public void Load(nn.Module model, optim.Optimizer? optimizer)
    {
        var start = weights ?? throw new InvalidOperationException(
            "The sparsifier has no snapshot to rewind to; call TakeSnapshot() at the step to rewind to first.");
        if (optimizer is not null && optimizerState is null)
        {
            throw new InvalidOperationException(
                "The snapshot holds no optimizer state; pass the optimizer to TakeSnapshot(optimizer) to rewind it, or call Rewind() without it.");
        }

        StateDicts.Load(model, start, strict: true);
        if (optimizer is not null)
        {
            LoadOptimizer(optimizer, optimizerState!);
        }
    }

    /// <summary>Replaces the snapshot by <paramref name="next"/> (owned; <see langword="null"/> for none), with no optimizer state.</summary>
    public void Replace(OrderedDictionary<string, Tensor>? next)
    {
        StateDicts.DisposeAll(weights?.Values);
        weights = next;
        optimizerState = null;
    }

    /// <summary>Releases the copied weights.</summary>
    public void Dispose() => Replace(null);

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
