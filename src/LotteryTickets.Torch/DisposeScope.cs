namespace LotteryTickets.Torch;

/// <summary>
/// Collects every tensor created on this thread while the scope is the innermost one, and
/// disposes them when the scope is disposed, so that a loop body holds a constant number of
/// live native tensors. Tensors that must outlive the scope are moved out with
/// <see cref="Tensor.MoveToOuterScope"/> (to the enclosing scope, if any) or
/// <see cref="Tensor.DetachFromScope"/> (owned by the caller from then on).
/// Scopes nest and must be disposed innermost first, on the thread that created them.
/// </summary>
/// <example>
/// <code>
/// for (var step = 0; step &lt; steps; step++)
/// {
///     using var scope = DisposeScope.Begin();
///     using var loss = Functional.CrossEntropy(model.Forward(x), y);
///     loss.Backward();
///     optimizer.Step();
/// }
/// </code>
/// </example>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    private readonly List<Tensor> owned = [];
    private readonly int threadId;
    private bool disposed;

    private DisposeScope(DisposeScope? outer)
    {
        Outer = outer;
        threadId = Environment.CurrentManagedThreadId;
    }

    /// <summary>The innermost open scope on this thread, or <see langword="null"/>.</summary>
    public static DisposeScope? Current => current;

    /// <summary>The scope that was innermost when this one began.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>The number of tensors this scope will dispose.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var t in owned)
            {
                if (ReferenceEquals(t.Scope, this) && !t.IsDisposed) n++;
            }

            return n;
        }
    }

    /// <summary>Opens a scope that becomes the innermost one on this thread.</summary>
    public static DisposeScope Begin()
    {
        var scope = new DisposeScope(current);
        current = scope;
        return scope;
    }

    /// <summary>Disposes every tensor still owned by this scope and closes it.</summary>
    /// <exception cref="InvalidOperationException">An inner scope is still open, or the scope is disposed on another thread.</exception>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        if (Environment.CurrentManagedThreadId != threadId)
        {
            throw new InvalidOperationException("A DisposeScope must be disposed on the thread that began it.");
        }

        if (!ReferenceEquals(current, this))
        {
            throw new InvalidOperationException(
                "A DisposeScope was disposed while an inner scope is still open. Dispose scopes innermost first (use 'using').");
        }

        disposed = true;
        current = Outer;
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            var t = owned[i];
            if (ReferenceEquals(t.Scope, this))
            {
                t.Scope = null;
                t.Dispose();
            }
        }

        owned.Clear();
    }

    internal void Add(Tensor tensor)
    {
        tensor.Scope = this;
        owned.Add(tensor);
    }
}
