namespace LotteryTickets.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay, with exactly the semantics of PyTorch 1.13's <c>torch.optim.AdamW</c>: each step first shrinks the weights by the factor 1 − lr·weight decay.
/// State per parameter: <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c> (with AMSGrad) and <c>step</c>.
/// </summary>
public sealed class AdamW : Optimizer
{
    private readonly AdamOptions options;

    /// <summary>Creates an optimizer of <paramref name="parameters"/> in one group.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or a parameter cannot be optimized.</exception>
    public AdamW(IEnumerable<Tensor> parameters, AdamWOptions? options = null)
        : this(AdamKernel.Prepare(options, () => new AdamWOptions()), [new ParameterGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))])
    {
    }

    /// <summary>Creates an optimizer of several parameter groups.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or a group cannot be optimized.</exception>
    public AdamW(IEnumerable<ParameterGroup> groups, AdamWOptions? options = null)
        : this(AdamKernel.Prepare(options, () => new AdamWOptions()), groups)
    {
    }

    private AdamW(AdamOptions options, IEnumerable<ParameterGroup> groups)
        : base(groups, options.LearningRate, options.WeightDecay, AdamKernel.States, countsSteps: true)
    {
        this.options = options;
    }

    /// <summary>A copy of the options the optimizer was created with (the groups may override learning rate and weight decay).</summary>
    public AdamWOptions Options => (AdamWOptions)options.Copy();

    private protected override void StepGroup(int groupIndex, ParameterGroup group) =>
        RunKernel(groupIndex, AdamKernel.For(options, group, decoupled: true), nameof(Step));

    private protected override IEnumerable<(string Name, double Value)> OptionValues() => AdamKernel.OptionValues(options);

    private protected override void CheckParameterState(int index, Func<string, bool> has, List<string> problems) =>
        AdamKernel.CheckParameterState(options, index, has, problems);
}
