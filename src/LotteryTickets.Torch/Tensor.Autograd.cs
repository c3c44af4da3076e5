using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor.</summary>
    public bool RequiresGrad
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_requires_grad(Handle, out var v), nameof(RequiresGrad));
            return v != 0;
        }

        set => NativeMethods.Check(NativeMethods.lt_set_requires_grad(Handle, value ? 1 : 0), nameof(RequiresGrad));
    }

    /// <summary>Whether the tensor is a leaf of the autograd graph (created by the user, not by an op).</summary>
    public bool IsLeaf
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_is_leaf(Handle, out var v), nameof(IsLeaf));
            return v != 0;
        }
    }

    /// <summary>
    /// The accumulated gradient, or <see langword="null"/> when there is none. Each read
    /// returns a new handle (owned by the caller) to the same gradient storage; setting
    /// replaces the gradient (null clears it).
    /// </summary>
    public Tensor? Grad
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_grad(Handle, out var g), nameof(Grad));
            return OwnedPointer.ToTensor(g);
        }

        set
        {
            if (value is null)
            {
                NativeMethods.Check(NativeMethods.lt_set_grad(Handle, IntPtr.Zero), nameof(Grad));
                return;
            }

            using var pinned = new HandleArray([value]);
            NativeMethods.Check(NativeMethods.lt_set_grad(Handle, pinned.Pointers[0]), nameof(Grad));
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor (for fluent creation).</summary>
    public Tensor RequiresGrad_(bool value = true)
    {
        RequiresGrad = value;
        return this;
    }

    /// <summary>Computes gradients of this tensor with respect to the graph's leaves, accumulating into their <see cref="Grad"/>.</summary>
    /// <param name="gradient">The gradient of some loss with respect to this tensor; omit for a scalar.</param>
    /// <param name="retainGraph">Keep the graph so backward can run through it again.</param>
    /// <param name="createGraph">Record the backward pass too, for higher-order derivatives.</param>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        using var pinned = new HandleArray([gradient]);
        NativeMethods.Check(
            NativeMethods.lt_backward(Handle, pinned.Pointers[0], retainGraph ? 1 : 0, createGraph ? 1 : 0), nameof(Backward));
    }

    /// <summary>A tensor sharing storage with this one but outside the autograd graph.</summary>
    public Tensor Detach() => Wrap(NativeMethods.lt_detach(Handle, out var r), r, nameof(Detach));

    /// <summary>Detaches this tensor from the graph in place.</summary>
    public Tensor Detach_()
    {
        NativeMethods.Check(NativeMethods.lt_detach_(Handle), nameof(Detach_));
        return this;
    }

    /// <summary>
    /// Replaces this tensor's data with <paramref name="data"/>'s (shape, type and device may
    /// change), keeping its identity as a leaf, like assigning <c>param.data</c> in PyTorch.
    /// </summary>
    public void SetData(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        NativeMethods.Check(NativeMethods.lt_set_data(Handle, data.Handle), nameof(SetData));
    }
}
