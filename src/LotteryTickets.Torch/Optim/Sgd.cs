using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and
/// weight decay, with exactly the semantics of PyTorch 1.13's <c>torch.optim.SGD</c>
/// (the first step fills the momentum buffer with the gradient itself).
/// State: <c>momentum_buffer</c> per parameter, when momentum is on.
/// </summary>
public sealed class Sgd : Optimizer
{
    private static readonly string[] States = ["momentum_buffer"];
    private readonly SgdOptions options;

    /// <summary>Creates an optimizer of <paramref name="parameters"/> in one group.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or a parameter cannot be optimized.</exception>
    public Sgd(IEnumerable<Tensor> parameters, SgdOptions? options = null)
        : this(Prepare(options), [new ParameterGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))])
    {
    }

    /// <summary>Creates an optimizer of several parameter groups.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or a group cannot be optimized.</exception>
    public Sgd(IEnumerable<ParameterGroup> groups, SgdOptions? options = null)
        : this(Prepare(options), groups)
    {
    }

    private Sgd(SgdOptions options, IEnumerable<ParameterGroup> groups)
        : base(groups, options.LearningRate, options.WeightDecay, States, countsSteps: false)
    {
        this.options = options;
    }

    /// <summary>A copy of the options the optimizer was created with (the groups may override learning rate and weight decay).</summary>
    public SgdOptions Options => options.Copy();

    private protected override unsafe void StepGroup(int groupIndex, ParameterGroup group)
    {
        var lr = group.LearningRate;
        var wd = group.WeightDecay;
        var o = options;
        RunKernel(
            groupIndex,
            (p, buffers, _, _, _, n) => NativeMethods.lt_sgd_step(
                p, buffers, n, lr, o.Momentum, o.Dampening, wd, o.Nesterov ? 1 : 0, o.Maximize ? 1 : 0),
            nameof(Step));
    }

    private protected override IEnumerable<(string Name, double Value)> OptionValues() =>
    [
        ("momentum", options.Momentum),
        ("dampening", options.Dampening),
        ("nesterov", options.Nesterov ? 1 : 0),
        ("maximize", options.Maximize ? 1 : 0),
    ];

    private static SgdOptions Prepare(SgdOptions? options)
    {
        var copy = (options ?? new SgdOptions()).Copy();
        copy.Validate();
        return copy;
    }
}
