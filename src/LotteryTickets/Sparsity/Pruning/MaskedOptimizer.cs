using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// An optimizer that re-applies a <see cref="Sparsifier"/>'s mask after every step of the optimizer it wraps, so pruned
/// weights stay exactly +0.0 without a call to forget (made by <see cref="Sparsifier.Wrap"/>). Everything else —
/// <c>zero_grad</c>, the parameters, the parameter groups a learning-rate scheduler adjusts — is the wrapped optimizer's.
/// </summary>
/// <remarks>
/// Any <c>torch.optim.Optimizer</c> can be wrapped: TorchSharp's (SGD, Adam, AdamW, RMSprop, Adagrad, …) and your own
/// subclasses. Learning-rate schedulers may be built on the wrapper or on <see cref="Inner"/>. The wrapper disposes the
/// wrapped optimizer unless it was made with <c>leaveOpen</c>.
/// </remarks>
public sealed class MaskedOptimizer : optim.Optimizer
{
    private readonly Sparsifier sparsifier;
    private readonly bool leaveOpen;

    internal MaskedOptimizer(optim.Optimizer inner, Sparsifier sparsifier, bool leaveOpen)
        : base(IntPtr.Zero)
    {
        Inner = inner;
        this.sparsifier = sparsifier;
        this.leaveOpen = leaveOpen;
    }

    /// <summary>The wrapped optimizer.</summary>
    public optim.Optimizer Inner { get; }

    /// <inheritdoc />
    public override IEnumerable<optim.ILearningRateController> ParamGroups => Inner.ParamGroups;

    /// <summary>Takes the wrapped optimizer's step, then sets every pruned weight to +0.0 (<see cref="Sparsifier.ApplyMask"/>).</summary>
    /// <param name="closure">A closure that re-evaluates the model and returns the loss, for optimizers that need one.</param>
    /// <returns>The wrapped optimizer's result (the closure's loss, or <see langword="null"/>).</returns>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        var loss = Inner.step(closure!);
        sparsifier.ApplyMask();
        return loss;
    }

    /// <inheritdoc />
    public override void zero_grad() => Inner.zero_grad();

    /// <inheritdoc />
    public override IEnumerable<Parameter> parameters() => Inner.parameters();

    /// <inheritdoc />
    public override void add_param_group(ParamGroup param_group) => Inner.add_param_group(param_group);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
