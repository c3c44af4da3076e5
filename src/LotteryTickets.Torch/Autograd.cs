using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

/// <summary>Autograd functions that are not methods of a single tensor.</summary>
public static class Autograd
{
    /// <summary>Whether operations on this thread are recorded for differentiation.</summary>
    public static bool IsGradEnabled
    {
        get
        {
            TorchRuntime.EnsureInitialized();
            NativeMethods.Check(NativeMethods.lt_grad_mode_get(out var e), nameof(IsGradEnabled));
            return e != 0;
        }
    }

    /// <summary>Disables gradient recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope NoGrad() => new(false);

    /// <summary>Enables gradient recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope EnableGrad() => new(true);

    /// <summary>
    /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>,
    /// without touching the inputs' <see cref="Tensor.Grad"/>. With <paramref name="createGraph"/>
    /// the result is itself differentiable, which gives Hessian-vector products by a second call.
    /// </summary>
    /// <param name="outputs">The tensors to differentiate.</param>
    /// <param name="inputs">The tensors to differentiate with respect to.</param>
    /// <param name="gradOutputs">The vectors in the vector-Jacobian product (one per output); null for scalar outputs.</param>
    /// <param name="retainGraph">Keep the graph for further backward passes (defaults to <paramref name="createGraph"/>).</param>
    /// <param name="createGraph">Record the computation of the gradients for higher-order derivatives.</param>
    /// <param name="allowUnused">Return null for inputs that do not affect the outputs instead of failing.</param>
    /// <returns>One gradient per input (null only for unused inputs when allowed).</returns>
    public static unsafe Tensor?[] Grad(
        IReadOnlyList<Tensor> outputs,
        IReadOnlyList<Tensor> inputs,
        IReadOnlyList<Tensor?>? gradOutputs = null,
        bool? retainGraph = null,
        bool createGraph = false,
        bool allowUnused = false)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
        {
            throw new ArgumentException(
                $"There are {gradOutputs.Count} gradOutputs for {outputs.Count} outputs; give one per output.", nameof(gradOutputs));
        }

        using var outs = new HandleArray(outputs);
        using var ins = new HandleArray(inputs);
        using var gouts = new HandleArray(gradOutputs ?? []);
        var results = new IntPtr[inputs.Count];
        fixed (IntPtr* o = outs.Pointers)
        fixed (IntPtr* i = ins.Pointers)
        fixed (IntPtr* g = gouts.Pointers)
        fixed (IntPtr* r = results)
        {
            NativeMethods.Check(
                NativeMethods.lt_autograd_grad(
                    o, outputs.Count, i, inputs.Count, gradOutputs is null ? null : g,
                    (retainGraph ?? createGraph) ? 1 : 0, createGraph ? 1 : 0, allowUnused ? 1 : 0, r),
                nameof(Grad));
        }

        var grads = new Tensor?[results.Length];
        for (var k = 0; k < results.Length; k++)
        {
            grads[k] = OwnedPointer.ToTensor(results[k]);
        }

        return grads;
    }

    /// <summary>The gradient of a scalar <paramref name="output"/> with respect to <paramref name="input"/>.</summary>
    public static Tensor Grad(Tensor output, Tensor input, bool createGraph = false) =>
        Grad([output], [input], createGraph: createGraph)[0]!;
}
