using TorchSharp;
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
        return new Mask([.. layers], MaskInvariants.CheckedCopies(tensors, layers));
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
    public Mask Union(Mask other) => MaskAlgebra.Combine(this, other, (a, b) => a.maximum(b));

    /// <summary>The mask that keeps a weight where both masks keep it (element-wise product).</summary>
    /// <param name="other">A mask over the same layers and shapes.</param>
    /// <returns>A new mask with this mask's layers; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The masks cover different layers or shapes.</exception>
    public Mask Intersection(Mask other) => MaskAlgebra.Combine(this, other, (a, b) => a.mul(b));

    /// <summary>The Jaccard overlap |A ∩ B| / |A ∪ B| of the kept weights, per layer and over all layers.</summary>
    /// <param name="other">A mask over the same layers and shapes.</param>
    /// <exception cref="ArgumentException">The masks cover different layers or shapes.</exception>
    public MaskOverlap Jaccard(Mask other) => MaskAlgebra.Jaccard(this, other);

    /// <summary>Whether both masks have the same layer names, in the same order, with the same shapes and values.</summary>
    /// <param name="other">Another mask (may be <see langword="null"/>).</param>
    public bool ContentEquals(Mask? other)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return MaskAlgebra.ContentEquals(this, other);
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
        MaskFile.Save(this, path);
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
        return MaskFile.Load(path, layers, device);
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

    internal bool IsDisposed => disposed;

    internal Tensor TensorAt(int i)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return tensors[i];
    }

    internal static string ShapeText(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
