using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// The saved state of one <see cref="ICheckpointableCallback"/>: named tensors and one text (JSON, as the
/// callback chooses). Saved in a checkpoint folder as one safetensors file whose metadata holds the text.
/// </summary>
/// <remarks>
/// The state owns its tensors: the constructor takes them out of any dispose scope, and
/// <see cref="Dispose"/> releases them. Tensors read from <see cref="Tensors"/> are borrowed.
/// </remarks>
public sealed class CallbackState : IDisposable
{
    private readonly Dictionary<string, Tensor> tensors;
    private bool disposed;

    /// <summary>Creates a state that takes ownership of <paramref name="tensors"/>.</summary>
    /// <param name="tensors">The tensors by name; the state owns them from now on (do not dispose them).</param>
    /// <param name="text">The callback's other state, e.g. JSON.</param>
    public CallbackState(IReadOnlyDictionary<string, Tensor> tensors, string text)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(text);
        this.tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, name);
            this.tensors[name] = tensor.DetachFromDisposeScope();
        }

        Text = text;
    }

    /// <summary>The tensors by name (borrowed from the state).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return tensors;
        }
    }

    /// <summary>The callback's other state (e.g. JSON).</summary>
    public string Text { get; }

    /// <summary>Releases the tensors. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var t in tensors.Values)
        {
            t.Dispose();
        }
    }
}
