namespace LotteryTickets.Torch.Optim;

/// <summary>
/// Adam with exactly the semantics of PyTorch 1.13's <c>torch.optim.Adam</c>: weight decay is an L2 penalty added to the gradient.
/// State per parameter: <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c> (with AMSGrad) and <c>step</c>.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly AdamOptions options;

    /// <summary>Creates an optimizer of <paramref name="parameters"/> in one group.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or a parameter cannot be optimized.</exception>
    public Adam(IEnumerable<Tensor> parameters, AdamOptions? options = null)
        : this(AdamKernel.Prepare(options, () => new AdamOptions()), [new ParameterGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))])
    {
    }

    /// <summary>Creates an optimizer of several parameter groups.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or a group cannot be optimized.</exception>
    public Adam(IEnumerable<ParameterGroup> groups, AdamOptions? options = null)
        : this(AdamKernel.Prepare(options, () => new AdamOptions()), groups)
    {
    }

    private Adam(AdamOptions options, IEnumerable<ParameterGroup> groups)
        : base(groups, options.LearningRate, options.WeightDecay, AdamKernel.States, countsSteps: true)
    {
        this.options = options;
    }

    /// <summary>A copy of the options the optimizer was created with (the groups may override learning rate and weight decay).</summary>
    public AdamOptions Options => (AdamOptions)options.Copy();

    private protected override void StepGroup(int groupIndex, ParameterGroup group) =>
        RunKernel(groupIndex, AdamKernel.For(options, group, decoupled: false), nameof(Step));

    private protected override IEnumerable<(string Name, double Value)> OptionValues() => AdamKernel.OptionValues(options);

    private protected override void CheckParameterState(int index, Func<string, bool> has, List<string> problems) =>
        AdamKernel.CheckParameterState(options, index, has, problems);
}
