namespace LotteryTickets.Torch.Nn;

/// <summary>
/// The base of every layer and model, as PyTorch's <c>nn.Module</c>: it holds parameters,
/// buffers and child modules under names, in registration order, and names them recursively
/// (<c>fc1.weight</c>, <c>features.0.bias</c>).
/// </summary>
/// <remarks>
/// <para><b>Ownership.</b> A module owns the tensors registered with <see cref="RegisterParameter"/>
/// and <see cref="RegisterBuffer"/> and the modules registered with <see cref="RegisterModule{T}"/>:
/// registering removes a tensor from its <see cref="DisposeScope"/>, so a model built inside a
/// scope outlives it, and <see cref="Dispose()"/> releases them all. Do not dispose a registered
/// tensor yourself. The tensor objects stay the same for the module's lifetime
/// (<see cref="To(ScalarType)"/>, <see cref="To(Device)"/> and <see cref="LoadStateDict"/> change
/// their data in place), so references held elsewhere, e.g. by an optimizer, remain valid.</para>
/// <para>Enumerations (<see cref="NamedParameters"/>, <see cref="Parameters"/>, …) return the
/// module's own tensor objects, still owned by the module. <see cref="StateDict"/> returns new
/// handles owned by the caller.</para>
/// </remarks>
public abstract class Module : IDisposable
{
    private readonly OrderedDictionary<string, Tensor> parameters = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, Tensor> buffers = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, Module> modules = new(StringComparer.Ordinal);
    private bool disposed;

    /// <summary>Whether the module is in training mode (the default) rather than evaluation mode.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Whether <see cref="Dispose()"/> has released the module's tensors.</summary>
    public bool IsDisposed => disposed;

    /// <summary>Computes the module's output.</summary>
    /// <param name="input">The input.</param>
    /// <returns>A new tensor owned by the caller (and by the innermost <see cref="DisposeScope"/>).</returns>
    public abstract Tensor Forward(Tensor input);

    /// <summary>
    /// Registers a learnable tensor under <paramref name="name"/> and sets its
    /// <see cref="Tensor.RequiresGrad"/>. The module takes ownership (see <see cref="Module"/>).
    /// </summary>
    /// <param name="name">A name unique among this module's parameters, buffers and children, without '.'.</param>
    /// <param name="tensor">A floating-point leaf tensor.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The name is taken or invalid, or the tensor is not a floating-point leaf.</exception>
    public Tensor RegisterParameter(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckNewName(name);
        if (!tensor.DType.IsFloatingPoint())
        {
            throw new ArgumentException(
                $"The parameter '{name}' holds {tensor.DType} elements, but a parameter must be floating point. Register it as a buffer, or convert it with To(ScalarType.Float32).",
                nameof(tensor));
        }

        if (!tensor.IsLeaf)
        {
            throw new ArgumentException(
                $"The parameter '{name}' is the result of a recorded operation, but a parameter must be a leaf tensor. Register tensor.Detach() instead.",
                nameof(tensor));
        }

        tensor.RequiresGrad = true;
        parameters.Add(name, tensor.DetachFromScope());
        return tensor;
    }

    /// <summary>
    /// Registers a tensor of state that is not learned (a running statistic, a mask) under
    /// <paramref name="name"/>. It is saved in the <see cref="StateDict"/> and moved by
    /// <see cref="To(Device)"/>. The module takes ownership (see <see cref="Module"/>).
    /// </summary>
    /// <param name="name">A name unique among this module's parameters, buffers and children, without '.'.</param>
    /// <param name="tensor">The tensor.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The name is taken or invalid.</exception>
    public Tensor RegisterBuffer(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckNewName(name);
        buffers.Add(name, tensor.DetachFromScope());
        return tensor;
    }

    /// <summary>Registers a child module under <paramref name="name"/>; this module owns it from then on.</summary>
    /// <typeparam name="T">The child's type.</typeparam>
    /// <param name="name">A name unique among this module's parameters, buffers and children, without '.'.</param>
    /// <param name="module">The child.</param>
    /// <returns><paramref name="module"/>.</returns>
    /// <exception cref="ArgumentException">The name is taken or invalid, or the child is this module.</exception>
    public T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckNewName(name);
        if (ReferenceEquals(module, this))
        {
            throw new ArgumentException($"The module '{name}' is the module itself. A module cannot contain itself.", nameof(module));
        }

        modules.Add(name, module);
        return module;
    }

    /// <summary>The direct children, with their names, in registration order.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        foreach (var (name, child) in modules)
        {
            yield return (name, child);
        }
    }

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<Module> Children() => NamedChildren().Select(c => c.Module);

    /// <summary>
    /// This module (named "") and every descendant, depth first in registration order, named by
    /// their dotted path (<c>features.0</c>). A module reachable twice is listed once.
    /// </summary>
    public IEnumerable<(string Name, Module Module)> NamedModules()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return CollectModules(string.Empty, seen);
    }

    /// <summary>This module and every descendant, as <see cref="NamedModules"/>.</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Module);

    /// <summary>
    /// Every parameter of this module and its descendants, named by dotted path
    /// (<c>fc1.weight</c>), in PyTorch's order: module by module depth first, each module's own
    /// parameters in registration order. A tensor reachable twice is listed once. The tensors are
    /// the module's own (do not dispose them).
    /// </summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters() => NamedTensors(m => m.parameters);

    /// <summary>Every parameter, as <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Every buffer of this module and its descendants, named and ordered as <see cref="NamedParameters"/>.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers() => NamedTensors(m => m.buffers);

    /// <summary>Every buffer, as <see cref="NamedBuffers"/>.</summary>
    public IEnumerable<Tensor> Buffers() => NamedBuffers().Select(b => b.Buffer);

    /// <summary>Sets training mode on this module and every descendant.</summary>
    /// <param name="training">True for training mode, false for evaluation mode.</param>
    /// <returns>This module.</returns>
    public Module Train(bool training = true)
    {
        foreach (var (_, m) in NamedModules())
        {
            m.IsTraining = training;
        }

        return this;
    }

    /// <summary>Sets evaluation mode on this module and every descendant (dropout off, batch norm uses running statistics).</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>
    /// Moves every parameter, buffer and gradient to <paramref name="device"/> in place: the
    /// tensor objects stay the same, so references to them (an optimizer's) remain valid.
    /// </summary>
    /// <returns>This module.</returns>
    public Module To(Device device) => Apply(t => t.Device != device, t => t.To(t.DType, device));

    /// <summary>
    /// Converts every floating-point parameter, buffer and gradient to <paramref name="type"/> in
    /// place, as PyTorch's <c>module.to(dtype)</c>: integer buffers (a batch norm's
    /// <c>num_batches_tracked</c>) keep their type, and the tensor objects stay the same.
    /// </summary>
    /// <param name="type">A floating-point type.</param>
    /// <returns>This module.</returns>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not floating point.</exception>
    public Module To(ScalarType type)
    {
        if (!type.IsFloatingPoint())
        {
            throw new ArgumentException(
                $"A module can only be converted to a floating-point type, not '{type}'. Pass Float32, Float64, Float16 or BFloat16.",
                nameof(type));
        }

        return Apply(t => t.DType.IsFloatingPoint() && t.DType != type, t => t.To(type, t.Device));
    }

    /// <summary>Clears the gradient of every parameter.</summary>
    /// <param name="setToNone">Drop the gradients (the default, as PyTorch 2) rather than filling them with zeros.</param>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters())
        {
            if (setToNone)
            {
                p.Grad = null;
                continue;
            }

            using var g = p.Grad;
            if (g is not null)
            {
                using (Autograd.NoGrad())
                {
                    g.Detach_().Zero_();
                }
            }
        }
    }

    /// <summary>
    /// The module's state: every parameter and buffer of it and its descendants, named by dotted
    /// path, in PyTorch's order (each module's parameters, then its buffers, then its children).
    /// The values are new handles, detached from autograd and sharing storage with the module's
    /// tensors, owned by the caller (and by the innermost <see cref="DisposeScope"/>): clone them to
    /// keep a snapshot that later training does not change.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in StateEntries(string.Empty))
        {
            result[name] = tensor.Detach();
        }

        return result;
    }

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into the module's parameters and buffers in
    /// place (under no-grad, converting type and device as needed). With <paramref name="strict"/>,
    /// every key must match a tensor of the same shape, and nothing is copied unless all do; a
    /// mismatch throws one <see cref="StateDictMismatchException"/> listing every missing,
    /// unexpected and mis-shaped key. Without it, the matching keys are copied and the others are
    /// reported in the result (unlike PyTorch, where a mis-shaped key is an error even then).
    /// </summary>
    /// <param name="stateDict">Tensors by dotted name, e.g. from <see cref="StateDict"/>. Not modified or disposed.</param>
    /// <param name="strict">Require an exact match of keys and shapes.</param>
    /// <returns>The keys that did not match (all empty after a strict load).</returns>
    /// <exception cref="StateDictMismatchException"><paramref name="strict"/> and the keys or shapes do not match.</exception>
    public StateDictLoadResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var own = new List<(string Name, Tensor Tensor)>(StateEntries(string.Empty));
        var ownNames = new HashSet<string>(own.Select(e => e.Name), StringComparer.Ordinal);
        var missing = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        var toCopy = new List<(Tensor Target, Tensor Source)>();
        foreach (var (name, target) in own)
        {
            if (!stateDict.TryGetValue(name, out var source))
            {
                missing.Add(name);
                continue;
            }

            ArgumentNullException.ThrowIfNull(source, $"{nameof(stateDict)}[\"{name}\"]");
            var sourceShape = source.Shape;
            var targetShape = target.Shape;
            if (!sourceShape.AsSpan().SequenceEqual(targetShape))
            {
                mismatched.Add(new ShapeMismatch(name, sourceShape, targetShape));
                continue;
            }

            toCopy.Add((target, source));
        }

        var unexpected = stateDict.Keys.Where(k => !ownNames.Contains(k)).ToList();
        var result = new StateDictLoadResult(missing, unexpected, mismatched);
        if (strict && !result.IsExactMatch)
        {
            throw new StateDictMismatchException(GetType().Name, result);
        }

        using (Autograd.NoGrad())
        {
            foreach (var (target, source) in toCopy)
            {
                target.CopyFrom_(source);
            }
        }

        return result;
    }

    /// <summary>Releases every parameter and buffer of this module and its descendants.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the owned tensors and children; override to release more, calling the base.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        disposed = true;
        foreach (var (_, t) in parameters)
        {
            t.Dispose();
        }

        foreach (var (_, t) in buffers)
        {
            t.Dispose();
        }

        foreach (var (_, m) in modules)
        {
            m.Dispose();
        }
    }

    private IEnumerable<(string Name, Module Module)> CollectModules(string prefix, HashSet<Module> seen)
    {
        if (!seen.Add(this))
        {
            yield break;
        }

        yield return (prefix, this);
        foreach (var (name, child) in modules)
        {
            foreach (var entry in child.CollectModules(Join(prefix, name), seen))
            {
                yield return entry;
            }
        }
    }

    private IEnumerable<(string Name, Tensor Tensor)> NamedTensors(Func<Module, OrderedDictionary<string, Tensor>> select)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (var (name, tensor) in select(module))
            {
                if (seen.Add(tensor))
                {
                    yield return (Join(prefix, name), tensor);
                }
            }
        }
    }

    private IEnumerable<(string Name, Tensor Tensor)> StateEntries(string prefix)
    {
        foreach (var (name, t) in parameters)
        {
            yield return (Join(prefix, name), t);
        }

        foreach (var (name, t) in buffers)
        {
            yield return (Join(prefix, name), t);
        }

        foreach (var (name, child) in modules)
        {
            foreach (var entry in child.StateEntries(Join(prefix, name)))
            {
                yield return entry;
            }
        }
    }

    private Module Apply(Func<Tensor, bool> needsChange, Func<Tensor, Tensor> convert)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using (Autograd.NoGrad())
        {
            var done = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
            foreach (var t in Parameters().Concat(Buffers()))
            {
                if (!done.Add(t) || !needsChange(t))
                {
                    continue;
                }

                using (var grad = t.Grad)
                using (var moved = convert(t))
                {
                    t.SetData(moved);
                    if (grad is not null)
                    {
                        using var movedGrad = convert(grad);
                        t.Grad = movedGrad;
                    }
                }
            }
        }

        return this;
    }

    private void CheckNewName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The name '{name}' is invalid: a parameter, buffer or module name must be non-empty and contain no '.'. Use a name such as 'fc1' or 'weight'.",
                nameof(name));
        }

        if (parameters.ContainsKey(name) || buffers.ContainsKey(name) || modules.ContainsKey(name))
        {
            throw new ArgumentException(
                $"The name '{name}' is already registered in this {GetType().Name}. Give each parameter, buffer and module its own name.",
                nameof(name));
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
}
