using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Nn;

/// <summary>
/// The per-step work of training under fixed 0/1 masks, one native call for all parameters: pruned weights set to
/// exactly +0.0, or gradients multiplied by their masks. Each mask has its parameter's shape, dtype and device.
/// </summary>
public static class ParameterMasks
{
    /// <summary>
    /// Sets every parameter to w ⊙ m + 0.0 in place, without recording gradients: pruned weights become exactly +0.0
    /// (never −0.0), kept weights are unchanged. Contiguous float32 CPU parameters take one pass over memory.
    /// </summary>
    /// <param name="parameters">The parameters (leaf tensors).</param>
    /// <param name="masks">One 0/1 mask per parameter, same shape, dtype and device.</param>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    /// <exception cref="TorchException">A mask does not match its parameter.</exception>
    public static void ZeroPruned(IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> masks) => Apply(parameters, masks, 0, nameof(ZeroPruned));

    /// <summary>Multiplies every parameter's gradient by its mask in place; parameters without a gradient are skipped.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="masks">One 0/1 mask per parameter, same shape, dtype and device.</param>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    /// <exception cref="TorchException">A mask does not match its gradient.</exception>
    public static void MaskGradients(IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> masks) => Apply(parameters, masks, 1, nameof(MaskGradients));

    private static unsafe void Apply(IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> masks, int target, string operation)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(masks);
        if (parameters.Count != masks.Count)
        {
            throw new ArgumentException(
                $"There are {parameters.Count} parameters but {masks.Count} masks; give one mask per parameter.", nameof(masks));
        }

        using var p = new HandleArray(parameters);
        using var m = new HandleArray(masks);
        fixed (IntPtr* pp = p.Pointers)
        fixed (IntPtr* mp = m.Pointers)
        {
            NativeMethods.Check(NativeMethods.lt_apply_masks(pp, mp, parameters.Count, target), operation);
        }
    }
}
