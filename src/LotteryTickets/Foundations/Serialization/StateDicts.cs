using static TorchSharp.torch;

namespace LotteryTickets.Serialization;

/// <summary>
/// State dicts of any <see cref="nn.Module"/>: named tensors (parameters and persistent buffers, keyed as
/// <c>state_dict()</c> keys them, e.g. <c>fc1.weight</c>) loaded with checked names and shapes, and snapshots.
/// </summary>
public static class StateDicts
{
    /// <summary>
    /// Copies values from <paramref name="tensors"/> into <paramref name="module"/>'s parameters and buffers in place
    /// (under no-grad, converting type and device as needed), so references held elsewhere (an optimizer) stay valid.
    /// With <paramref name="strict"/>, every key must match a tensor of the same shape and nothing is copied unless
    /// all do; a mismatch throws one <see cref="StateDictMismatchException"/> listing every missing, unexpected and
    /// mis-shaped key. Without it, the matching keys are copied and the others are reported in the result.
    /// </summary>
    /// <param name="module">The module to load into.</param>
    /// <param name="tensors">Tensors by dotted name (e.g. from <see cref="Snapshot"/> or <see cref="SafeTensors.Load(string, Device?)"/>). Not modified or disposed.</param>
    /// <param name="strict">Require an exact match of keys and shapes.</param>
    /// <returns>The keys that did not match (all empty after a strict load).</returns>
    /// <exception cref="StateDictMismatchException"><paramref name="strict"/> and the keys or shapes do not match.</exception>
    /// <exception cref="ArgumentException">A tensor is null or disposed.</exception>
    public static StateDictLoadResult Load(nn.Module module, IReadOnlyDictionary<string, Tensor> tensors, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(tensors);
        var own = module.state_dict();
        var missing = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        var toCopy = new List<(Tensor Target, Tensor Source)>();
        foreach (var (name, target) in own)
        {
            if (!tensors.TryGetValue(name, out var source))
            {
                missing.Add(name);
                continue;
            }

            if (source is null || source.IsInvalid)
            {
                throw new ArgumentException($"The tensor '{name}' to load is null or disposed; give live tensors only.", nameof(tensors));
            }

            var sourceShape = source.shape;
            var targetShape = target.shape;
            if (!sourceShape.AsSpan().SequenceEqual(targetShape))
            {
                mismatched.Add(new ShapeMismatch(name, sourceShape, targetShape));
                continue;
            }

            toCopy.Add((target, source));
        }

        var unexpected = tensors.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var result = new StateDictLoadResult(missing, unexpected, mismatched);
        if (strict && !result.IsExactMatch)
        {
            throw new StateDictMismatchException(module.GetType().Name, result);
        }

        using (no_grad())
        {
            foreach (var (target, source) in toCopy)
            {
                target.copy_(source);
            }
        }

        return result;
    }

    /// <summary>
    /// A snapshot of <paramref name="module"/>'s state dict: detached clones of every parameter and persistent
    /// buffer, in <c>state_dict()</c> order, that later training does not change.
    /// </summary>
    /// <param name="module">The module; not modified.</param>
    /// <returns>New tensors owned by the caller and by no dispose scope (dispose them, e.g. with <see cref="DisposeAll"/>).</returns>
    public static OrderedDictionary<string, Tensor> Snapshot(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return CloneOwned(module.state_dict());
    }

    /// <summary>Detached clones of <paramref name="tensors"/>, in their order, owned by the caller and by no dispose scope.</summary>
    /// <param name="tensors">The tensors by name; not modified or disposed.</param>
    /// <returns>New tensors owned by the caller.</returns>
    public static OrderedDictionary<string, Tensor> CloneOwned(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, tensor) in tensors)
            {
                using var detached = tensor.detach();
                result[name] = detached.clone().DetachFromDisposeScope();
            }
        }
        catch
        {
            DisposeAll(result.Values);
            throw;
        }

        return result;
    }

    /// <summary>Disposes every tensor of <paramref name="tensors"/>; <see langword="null"/> does nothing.</summary>
    /// <param name="tensors">The tensors to release.</param>
    public static void DisposeAll(IEnumerable<Tensor>? tensors)
    {
        if (tensors is null)
        {
            return;
        }

        foreach (var t in tensors)
        {
            t?.Dispose();
        }
    }
}
