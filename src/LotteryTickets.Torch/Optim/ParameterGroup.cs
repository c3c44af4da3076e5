namespace LotteryTickets.Torch.Optim;

/// <summary>
/// A list of parameters that an optimizer updates with one learning rate and one weight
/// decay. A learning rate or weight decay left out here is taken from the optimizer's options
/// when the group is given to the optimizer. <see cref="LearningRate"/> may be changed at any
/// time (that is how a <see cref="Schedules.LearningRateScheduler"/> drives it).
/// </summary>
/// <remarks>
/// The group refers to the caller's <see cref="Tensor"/> objects; they must stay undisposed for
/// as long as the optimizer is used. A group belongs to at most one optimizer.
/// </remarks>
public sealed class ParameterGroup
{
    private double? learningRate;
    private double? weightDecay;

    /// <summary>Creates a group of <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize: floating-point leaves, each at most once.</param>
    /// <param name="learningRate">This group's learning rate (≥ 0), or <see langword="null"/> for the optimizer's.</param>
    /// <param name="weightDecay">This group's weight decay (≥ 0), or <see langword="null"/> for the optimizer's.</param>
    public ParameterGroup(IEnumerable<Tensor> parameters, double? learningRate = null, double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i] is null)
            {
                throw new ArgumentException($"Parameter {i} of the group is null; give only tensors.", nameof(parameters));
            }
        }

        if (learningRate is { } lr)
        {
            LearningRate = lr;
        }

        if (weightDecay is { } wd)
        {
            WeightDecay = wd;
        }
    }

    /// <summary>The parameters of the group, in order.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The learning rate used by the next step.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">Read before the group was given a learning rate or added to an optimizer.</exception>
    public double LearningRate
    {
        get => learningRate ?? throw Unresolved(nameof(LearningRate));
        set => learningRate = Check(value, nameof(LearningRate));
    }

    /// <summary>The weight decay used by the next step.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">Read before the group was given a weight decay or added to an optimizer.</exception>
    public double WeightDecay
    {
        get => weightDecay ?? throw Unresolved(nameof(WeightDecay));
        set => weightDecay = Check(value, nameof(WeightDecay));
    }

    /// <summary>
    /// The learning rate the group had when it was added to its optimizer (PyTorch's
    /// <c>initial_lr</c>): the base that schedules built per group start from.
    /// </summary>
    public double InitialLearningRate { get; internal set; }

    /// <summary>The optimizer the group belongs to, if any.</summary>
    internal Optimizer? Owner { get; private set; }

    internal void Adopt(Optimizer owner, double defaultLearningRate, double defaultWeightDecay)
    {
        if (Owner is not null)
        {
            throw new ArgumentException(
                "A parameter group already belongs to another optimizer; create a new ParameterGroup for each optimizer.", "groups");
        }

        Owner = owner;
        learningRate ??= defaultLearningRate;
        weightDecay ??= defaultWeightDecay;
        InitialLearningRate = learningRate.Value;
    }

    private static double Check(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"The group's '{name}' must be a finite number of at least 0; {OptionsValidator.Format(value)} was given.");
        }

        return value;
    }

    private static InvalidOperationException Unresolved(string name) =>
        new($"The group's '{name}' comes from its optimizer's options; add the group to an optimizer first or give it a value.");
}
