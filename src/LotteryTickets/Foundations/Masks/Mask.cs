using LotteryTickets.Results;
using TorchSharp;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Masks;

/// <summary>
/// An immutable set of 0/1 tensors, one per prunable layer, keyed by the layer's state-dict name
/// and ordered as the model: 1 keeps a weight, 0 prunes it. The tensors are float32 with the
/// layers' shapes. Invariants are checked at construction and every violation is reported at
/// once, naming the tensor: values are 0 or 1 only, every tensor names a layer, every layer has
/// a tensor, and shapes match.
/// </summary>
/// <remarks>
/// <para>Ownership: a mask owns its tensors (copies of what it was built from; they belong to no
/// dispose scope) and releases them on <see cref="Dispose"/>. Tensors returned by the
/// indexer are borrowed: do not dispose or modify them. Every method that returns a new
/// <see cref="Mask"/> returns one the caller owns.</para>
/// <para>Masks are saved as safetensors under the weights' names, readable from Python; the
/// layer kinds and the output layer travel in the file's metadata.</para>
/// </remarks>
public sealed class Mask : IDisposable
{
    private readonly PrunableLayer[] layers;
    private readonly Tensor[] tensors;
    private readonly Dictionary<string, int> index;
    private bool disposed;

    private Mask(PrunableLayer[] layers, Tensor[] tensors)
    {
        this.layers = layers;
        this.tensors = tensors;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            index[layers[i].Name] = i;
        }
    }

    /// <summary>The masked layers, in model order.</summary>
    public IReadOnlyList<PrunableLayer> Layers => layers;

    /// <summary>The layer names, in model order.</summary>
    public IReadOnlyList<string> Names => layers.Select(l => l.Name).ToArray();

    /// <summary>The number of masked layers.</summary>
    public int Count => layers.Length;

    /// <summary>The device of the mask's tensors (that of the first one; CPU for an empty mask).</summary>
    public Device Device
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return tensors.Length == 0 ? CPU : tensors[0].device;
        }
    }

    /// <summary>The 0/1 tensor of one layer: borrowed from the mask (do not dispose or modify it).</summary>
    /// <param name="name">The layer's state-dict name.</param>
    /// <exception cref="KeyNotFoundException">The mask has no such layer.</exception>
    public Tensor this[string name]
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return index.TryGetValue(name, out var i)
                ? tensors[i]
                : throw new KeyNotFoundException(
                    $"The mask has no layer '{name}'; its layers are {PrunableParameters.Quote(layers.Select(l => l.Name))}.");
        }
    }

    /// <summary>Whether the mask has a tensor for <paramref name="name"/>.</summary>
    /// <param name="name">A state-dict name.</param>
    public bool Contains(string name) => index.ContainsKey(name);

    /// <summary>
    /// Builds a mask from 0/1 tensors for exactly the given layers, checking every invariant.
    /// The tensors are copied (as float32, on their own device); the caller keeps ownership of
    /// <paramref name="tensors"/>.
    /// </summary>
    /// <param name="tensors">One tensor per layer, by state-dict name (any numeric type holding only 0 and 1).</param>
    /// <param name="layers">The prunable layers the mask must cover, in model order (e.g. <see cref="PrunableParameters.Select"/>).</param>
    /// <returns>A new mask ordered as <paramref name="layers"/>; the caller owns it.</returns>
    /// <exception cref="ArgumentException">Some tensor breaks an invariant; the message lists every violation.</exception>
    public static Mask Create(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyList<PrunableLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(layers);
        var errors = new List<string>();
        var known = layers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in tensors.Keys)
        {
            if (!known.Contains(name))
            {
                errors.Add(
                    $"The mask tensor '{name}' names no prunable layer; the prunable layers are {PrunableParameters.Quote(layers.Select(l => l.Name))}. Remove it or add the layer.");
            }
        }

        var copies = new Tensor[layers.Count];
        using var scope = NewDisposeScope();
        try
        {
            for (var i = 0; i < layers.Count; i++)
            {
                var layer = layers[i];
                if (!tensors.TryGetValue(layer.Name, out var t))
                {
                    errors.Add(
                        $"The mask has no tensor for the prunable layer '{layer.Name}'; give every prunable layer a mask tensor (Mask.Dense gives all ones).");
                    continue;
                }

                if (!t.shape.SequenceEqual(layer.Shape))
                {
                    errors.Add(
                        $"The mask tensor '{layer.Name}' has shape {ShapeText(t.shape)} but the layer has shape {ShapeText(layer.Shape)}; give it the layer's shape.");
                    continue;
                }

                var copy = t.detach().to(ScalarType.Float32, t.device, copy: true).DetachFromDisposeScope();
                copies[i] = copy;
                var bad = CountNonBinary(copy, out var first);
                if (bad > 0)
                {
                    errors.Add(
                        $"The mask tensor '{layer.Name}' holds {bad} value(s) other than 0 and 1 (the first is {first.ToString(System.Globalization.CultureInfo.InvariantCulture)}); a mask may hold only 0 and 1. Threshold or round it before building the mask.");
                }
            }

            if (errors.Count > 0)
            {
                throw new ArgumentException("The mask is invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)), nameof(tensors));
            }

            return new Mask([.. layers], copies);
        }
        catch
        {
            foreach (var c in copies)
            {
                c?.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Builds a mask from 0/1 tensors alone: every tensor is a layer of kind
    /// <see cref="LayerKind.Other"/>, in the dictionary's order, the last one the output layer.
    /// </summary>
    /// <param name="tensors">The mask tensors by name; copied, not disposed.</param>
    /// <returns>A new mask; the caller owns it.</returns>
    /// <exception cref="ArgumentException">Some tensor holds a value other than 0 or 1.</exception>
    public static Mask Create(IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.ToList();
        var layers = names.Select((n, i) => new PrunableLayer(n, tensors[n].shape, LayerKind.Other, i == names.Count - 1)).ToList();
        return Create(tensors, layers);
    }

    /// <summary>A mask that keeps every weight of <paramref name="layers"/> (all ones).</summary>
    /// <param name="layers">The prunable layers, in model order.</param>
    /// <param name="device">Where the tensors live; CPU when omitted.</param>
    /// <returns>A new mask; the caller owns it.</returns>
    public static Mask Dense(IReadOnlyList<PrunableLayer> layers, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var all = layers.Select(l => ones(l.Shape, ScalarType.Float32, device).DetachFromDisposeScope()).ToArray();
        return new Mask([.. layers], all);
    }

    /// <summary>
    /// A mask that keeps every prunable weight of <paramref name="model"/> (all ones), on the
    /// device of the model's first prunable weight.
    /// </summary>
    /// <param name="model">The model whose prunable weights the mask covers.</param>
    /// <param name="options">Which weights are prunable; <see langword="null"/> for every Linear and Conv weight.</param>
    /// <returns>A new mask; the caller owns it.</returns>
    public static Mask Dense(nn.Module model, PrunableParameterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = PrunableParameters.Select(model, options);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var device = layers.Count == 0 ? CPU : parameters[layers[0].Name].device;
        return Dense(layers, device);
    }

    /// <summary>Per-layer and global counts of the weights this mask keeps.</summary>
    public SparsityReport Sparsity()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var result = new LayerSparsity[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            using var n = tensors[i].count_nonzero();
            result[i] = new LayerSparsity(layers[i].Name, layers[i].Count, n.ToInt64());
        }

        return new SparsityReport(result);
    }

    /// <summary>The mask that keeps a weight where either mask keeps it (element-wise maximum).</summary>
    /// <param name="other">A mask over the same layers and shapes.</param>
    /// <returns>A new mask with this mask's layers; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The masks cover different layers or shapes.</exception>
    public Mask Union(Mask other) => Combine(other, (a, b) => a.maximum(b));

    /// <summary>The mask that keeps a weight where both masks keep it (element-wise product).</summary>
    /// <param name="other">A mask over the same layers and shapes.</param>
    /// <returns>A new mask with this mask's layers; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The masks cover different layers or shapes.</exception>
    public Mask Intersection(Mask other) => Combine(other, (a, b) => a.mul(b));

    /// <summary>The Jaccard overlap |A ∩ B| / |A ∪ B| of the kept weights, per layer and over all layers.</summary>
    /// <param name="other">A mask over the same layers and shapes.</param>
    /// <exception cref="ArgumentException">The masks cover different layers or shapes.</exception>
    public MaskOverlap Jaccard(Mask other)
    {
        CheckCompatible(other);
        using var scope = NewDisposeScope();
        var result = new LayerOverlap[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            var b = other.tensors[i].to(tensors[i].device);
            var intersection = tensors[i].mul(b).count_nonzero().ToInt64();
            var union = tensors[i].maximum(b).count_nonzero().ToInt64();
            result[i] = new LayerOverlap(layers[i].Name, intersection, union);
        }

        return new MaskOverlap(result);
    }

    /// <summary>Whether both masks have the same layer names, in the same order, with the same shapes and values.</summary>
    /// <param name="other">Another mask (may be <see langword="null"/>).</param>
    public bool ContentEquals(Mask? other)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (other is null || other.layers.Length != layers.Length)
        {
            return false;
        }

        using var scope = NewDisposeScope();
        for (var i = 0; i < layers.Length; i++)
        {
            if (layers[i].Name != other.layers[i].Name || !layers[i].Shape.SequenceEqual(other.layers[i].Shape))
            {
                return false;
            }

            if (!tensors[i].eq(other.TensorAt(i).to(tensors[i].device)).all().item<bool>())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A copy of this mask on <paramref name="device"/>.</summary>
    /// <param name="device">The target device.</param>
    /// <returns>A new mask; the caller owns it.</returns>
    public Mask To(Device device)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(device);
        return new Mask([.. layers], tensors.Select(t => t.to(ScalarType.Float32, device, copy: true).DetachFromDisposeScope()).ToArray());
    }

    /// <summary>A copy of this mask.</summary>
    /// <returns>A new mask; the caller owns it.</returns>
    public Mask Clone() => To(Device);

    /// <summary>Copies of the mask tensors, by name in model order.</summary>
    /// <returns>New tensors, owned by the current dispose scope if one is open, else by the caller.</returns>
    public OrderedDictionary<string, Tensor> ToTensors()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            result[layers[i].Name] = tensors[i].clone();
        }

        return result;
    }

    /// <summary>
    /// Writes the mask as a safetensors file (atomically): one float32 tensor per layer under the
    /// layer's name, and the layer kinds and output layer in the metadata.
    /// </summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var dict = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            dict[layers[i].Name] = tensors[i];
        }

        SafeTensors.Save(path, dict, MaskFileMetadata.Write(layers));
    }

    /// <summary>
    /// Reads a mask written by <see cref="Save"/> (or any safetensors file of 0/1 tensors), checking
    /// every invariant against <paramref name="layers"/> when given. Without layers, the layers
    /// come from the file's metadata, or (for a file without it) are every tensor in file order,
    /// of kind <see cref="LayerKind.Other"/>, the last one the output layer.
    /// </summary>
    /// <param name="path">The safetensors file.</param>
    /// <param name="layers">The prunable layers the mask must cover, or <see langword="null"/>.</param>
    /// <param name="device">Where to load the tensors; CPU when omitted.</param>
    /// <returns>A new mask; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The file's tensors break an invariant.</exception>
    public static Mask Load(string path, IReadOnlyList<PrunableLayer>? layers = null, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var scope = NewDisposeScope();
        var loaded = SafeTensors.Load(path, device);
        layers ??= MaskFileMetadata.Read(SafeTensors.ReadMetadata(path), loaded);
        return layers is null ? Create(loaded) : Create(loaded, layers);
    }

    /// <summary>Releases the mask's tensors. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var t in tensors)
        {
            t.Dispose();
        }
    }

    /// <summary>
    /// Wraps tensors that are already valid 0/1 float32 masks for <paramref name="layers"/>,
    /// taking ownership (they are removed from any scope).
    /// </summary>
    internal static Mask FromOwned(IReadOnlyList<PrunableLayer> layers, Tensor[] owned)
    {
        foreach (var t in owned)
        {
            t.DetachFromDisposeScope();
        }

        return new Mask([.. layers], owned);
    }

    internal Tensor TensorAt(int i)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return tensors[i];
    }

    internal static string ShapeText(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private static long CountNonBinary(Tensor t, out double first)
    {
        using var scope = NewDisposeScope();
        var bad = t.ne(0).logical_and(t.ne(1));
        var count = bad.count_nonzero().ToInt64();
        first = count == 0 ? 0 : t.masked_select(bad).narrow(0, 0, 1).ToDouble();
        return count;
    }

    private Mask Combine(Mask other, Func<Tensor, Tensor, Tensor> op)
    {
        CheckCompatible(other);
        using var scope = NewDisposeScope();
        var result = new Tensor[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            result[i] = op(tensors[i], other.tensors[i].to(tensors[i].device));
        }

        return FromOwned(layers, result);
    }

    private void CheckCompatible(Mask other)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(other);
        ObjectDisposedException.ThrowIf(other.disposed, other);
        var same = other.layers.Length == layers.Length
            && layers.Zip(other.layers).All(p => p.First.Name == p.Second.Name && p.First.Shape.SequenceEqual(p.Second.Shape));
        if (!same)
        {
            throw new ArgumentException(
                $"The masks cover different layers: this one has {Describe(layers)}, the other {Describe(other.layers)}. Combine masks of the same model.",
                nameof(other));
        }
    }

    private static string Describe(IEnumerable<PrunableLayer> layers) =>
        PrunableParameters.Quote(layers.Select(l => l.Name + " " + ShapeText(l.Shape)));
}
