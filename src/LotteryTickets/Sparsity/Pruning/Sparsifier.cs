using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// Prunes a model inside a training loop the user writes (the shape of fasterai's <c>Sparsifier</c> and of
/// <c>torch.nn.utils.prune</c>): one mask over the chosen parameters of any <see cref="nn.Module{T, TResult}"/>, renewed
/// when the schedule says, scored by a criterion, and kept in force by an optimizer wrapper so that pruned weights stay
/// exactly +0.0 with no call to forget.
/// </summary>
/// <remarks>
/// <para><b>Schedules.</b> With an <see cref="IGradualPruneSchedule"/> (AGP, fasterai's one-shot, iterative, one-cycle,
/// …) call <see cref="Step(long, long)"/> before the forward pass of every iteration: at a pruning step it computes a
/// fresh mask meeting the step's targets from the criterion's scores of the current weights (a falling target lets
/// weights grow back, as zeros), exactly as the experiment runner's <see cref="GradualPruningCallback"/> does, which is
/// built on this class. With an <see cref="ILevelPruneSchedule"/> (<see cref="IterativeRates"/>, <see cref="OneShot"/>)
/// call <see cref="Step()"/> after each round of training: it prunes the next level from the current mask (pruned
/// weights stay pruned), as iterative magnitude pruning does; then <see cref="Rewind"/> to the snapshot. The scope
/// (layerwise or global) is the schedule's.</para>
/// <para><b>Keeping pruned weights at +0.0.</b> Train with the optimizer <see cref="Wrap"/> returns: after every
/// <c>step()</c> of the optimizer (any <c>torch.optim</c> optimizer, or one of your own) it re-applies the mask in place,
/// w − w ⊙ (1 − m) (see <see cref="MaskedModel"/>), so a pruned weight is +0.0 bit for bit, never −0.0, whatever momentum
/// or weight decay added. The mask follows the model: at each application the sparsifier looks up the model's current
/// parameters and, after <c>model.to(device)</c> or <c>model.to(dtype)</c> replaced them, binds to the new ones and
/// moves its mask to their device. (Build a new optimizer after moving a model, as TorchSharp requires.)</para>
/// <para><b>Rewinding.</b> <see cref="TakeSnapshot"/> copies every parameter and buffer (and, optionally, the
/// optimizer's state); <see cref="Rewind"/> loads them back and applies the mask. A gradual schedule that resets
/// (<see cref="IGradualPruneSchedule.ResetAfterEachPrune"/>) takes the snapshot itself at iteration 0 when its
/// <see cref="IGradualPruneSchedule.RewindEpoch"/> is 0; for a later rewind epoch call <see cref="TakeSnapshot"/> at
/// the start of that epoch. With <see cref="IGradualPruneSchedule.ResetAtEnd"/> call <see cref="Rewind"/> after
/// training.</para>
/// <para>Ownership: the model, schedule and criterion are borrowed; the sparsifier owns its mask, snapshot and
/// generator and releases them in <see cref="Dispose"/>. Tensors it exposes are borrowed.</para>
/// </remarks>
/// <example>
/// <code>
/// using var sparsifier = new Sparsifier(model, GradualSchedules.Agp(0.9), "large_final");
/// using var optimizer = sparsifier.Wrap(torch.optim.RMSProp(model.parameters(), lr: 1e-3));
/// for (long t = 0; t &lt; total; t++)
/// {
///     sparsifier.Step(t, total);
///     optimizer.zero_grad();
///     loss(model.forward(x[t]), y[t]).backward();
///     optimizer.step();      // pruned weights are +0.0 again here
/// }
/// Console.WriteLine(sparsifier.Sparsity().PercentRemaining);
/// </code>
/// </example>
public sealed class Sparsifier : IDisposable
{
    private readonly PrunableLayer[] layers;
    private readonly Generator generator;
    private readonly bool ownsGenerator;
    private readonly List<SparsityHistoryEntry> history = [];
    private readonly MaskBinding binding;
    private readonly SparsifierSnapshot snapshot = new();
    private bool disposed;

    /// <summary>Creates a sparsifier for <paramref name="model"/>; nothing is pruned until the schedule's first step.</summary>
    /// <param name="model">The model to prune (borrowed): your own module, the zoo's or TorchVision's.</param>
    /// <param name="schedule">When and how much to prune: an <see cref="IGradualPruneSchedule"/> or an <see cref="ILevelPruneSchedule"/> (borrowed).</param>
    /// <param name="criterion">The score to keep weights by; <see langword="null"/> for <see cref="MaskCriteria.LargeFinal"/> (|w|).</param>
    /// <param name="options">Which parameters to prune and the seed; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The schedule is of neither kind, the selection chooses no parameter, or the schedule does not fit the chosen parameters.</exception>
    public Sparsifier(nn.Module<Tensor, Tensor> model, IPruneSchedule schedule, IMaskCriterion? criterion = null, SparsifierOptions? options = null)
        : this(schedule, SparsifierOptions.Select(model, options), new Generator((options ?? new SparsifierOptions()).Seed), ownsGenerator: true, criterion)
    {
        binding.Bind(model);
    }

    /// <summary>Creates a sparsifier whose criterion is a built-in named in <see cref="MaskCriteria"/> (e.g. <c>large_final</c>, <c>movement</c>, <c>random</c>).</summary>
    /// <param name="model">The model to prune (borrowed).</param>
    /// <param name="schedule">When and how much to prune (borrowed).</param>
    /// <param name="criterion">The criterion's name, as <see cref="MaskCriteria.Get"/> knows it.</param>
    /// <param name="options">Which parameters to prune and the seed; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The criterion name is unknown, or as for the other constructor.</exception>
    public Sparsifier(nn.Module<Tensor, Tensor> model, IPruneSchedule schedule, string criterion, SparsifierOptions? options = null)
        : this(model, schedule, MaskCriteria.Get(criterion), options)
    {
    }

    /// <summary>The engine of <see cref="GradualPruningCallback"/>: given layers, a borrowed generator, and no model until <see cref="Bind"/>.</summary>
    internal Sparsifier(IPruneSchedule schedule, IReadOnlyList<PrunableLayer> layers, Generator generator, bool ownsGenerator, IMaskCriterion? criterion)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(generator);
        try
        {
            ScheduleFit.Check(schedule, layers);
        }
        catch
        {
            if (ownsGenerator)
            {
                generator.Dispose();
            }

            throw;
        }

        Schedule = schedule;
        Criterion = criterion ?? MaskCriteria.LargeFinal;
        this.layers = [.. layers];
        this.generator = generator;
        this.ownsGenerator = ownsGenerator;
        binding = new MaskBinding(this.layers);
    }

    /// <summary>The schedule.</summary>
    public IPruneSchedule Schedule { get; }

    /// <summary>The mask criterion.</summary>
    public IMaskCriterion Criterion { get; }

    /// <summary>Whether weights are ranked within each layer or across all of them (the schedule's scope).</summary>
    public PruningScope Scope => Schedule.Scope;

    /// <summary>The pruned parameters, in model order.</summary>
    public IReadOnlyList<PrunableLayer> Layers => layers;

    /// <summary>The model the mask is applied to.</summary>
    /// <exception cref="InvalidOperationException">The sparsifier is not bound to a model yet (a <see cref="GradualPruningCallback"/> binds at training start).</exception>
    public nn.Module Model => binding.Model;

    /// <summary>The mask in force (all ones before the first pruning step). Borrowed: the next pruning step replaces and disposes it; clone it to keep it.</summary>
    public Mask Mask
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return binding.Mask;
        }
    }

    /// <summary>Every pruning so far, in order: the iteration (gradual schedules) or the level (level schedules), and the sparsity of the new mask.</summary>
    public IReadOnlyList<SparsityHistoryEntry> History => history;

    /// <summary>The number of levels pruned by <see cref="Step()"/> so far (level schedules).</summary>
    public int Level { get; private set; }

    /// <summary>Per-layer and overall counts of the weights the mask keeps.</summary>
    /// <returns>The report.</returns>
    public SparsityReport Sparsity() => Mask.Sparsity();

    /// <summary>
    /// Gradual schedules: prunes when the schedule says so before iteration <paramref name="iteration"/> (call it before the
    /// forward pass of every iteration). At a pruning step the new mask is computed from scratch, ranking every weight of
    /// the chosen parameters by the criterion; with <see cref="IGradualPruneSchedule.ResetAfterEachPrune"/> the snapshot is
    /// loaded; then the pruned weights are set to +0.0.
    /// </summary>
    /// <param name="iteration">The iteration about to be trained, 0 … <paramref name="totalIterations"/> − 1 (optimizer steps taken so far).</param>
    /// <param name="totalIterations">The number of iterations of the whole run.</param>
    /// <returns>Whether this call pruned.</returns>
    /// <exception cref="InvalidOperationException">The schedule is a level schedule, or it resets and no snapshot was taken.</exception>
    public bool Step(long iteration, long totalIterations)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Schedule is not IGradualPruneSchedule schedule)
        {
            throw new InvalidOperationException(
                $"The schedule '{Schedule.GetType().Name}' prunes between training rounds; call Step() after each round instead of Step(iteration, totalIterations).");
        }

        if (snapshot.Weights is null && (schedule.ResetAfterEachPrune || schedule.ResetAtEnd) && iteration == 0 && schedule.RewindEpoch == 0)
        {
            TakeSnapshot();
        }

        var step = schedule.GetStep(iteration, totalIterations, layers);
        if (step is null)
        {
            return false;
        }

        PruneTo(step, fresh: true);
        if (schedule.ResetAfterEachPrune)
        {
            var start = snapshot.Weights ?? throw new InvalidOperationException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The schedule resets the weights after pruning at iteration {iteration}, but the sparsifier holds no snapshot; call TakeSnapshot() at the start of epoch {schedule.RewindEpoch}, before the first pruning step."));
            StateDicts.Load(Model, start, strict: true);
        }

        Record(iteration);
        return true;
    }

    /// <summary>
    /// Level schedules: prunes the next level (<see cref="Level"/> + 1) from the current mask — weights already pruned stay
    /// pruned — scoring the current weights (and the snapshot as the initial weights, when one was taken), then sets the
    /// pruned weights to +0.0. Call it after a round of training, then <see cref="Rewind"/> for the next round.
    /// </summary>
    /// <returns>Whether a level was pruned: <see langword="false"/> once every level of the schedule is done.</returns>
    /// <exception cref="InvalidOperationException">The schedule is a gradual schedule.</exception>
    public bool Step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Schedule is not ILevelPruneSchedule schedule)
        {
            throw new InvalidOperationException(
                $"The schedule '{Schedule.GetType().Name}' prunes inside one run; call Step(iteration, totalIterations) before every iteration instead of Step().");
        }

        if (Level >= schedule.Levels)
        {
            return false;
        }

        PruneTo(schedule.GetLevel(Level + 1, layers), fresh: false);
        Level++;
        Record(Level);
        return true;
    }

    /// <summary>Sets every pruned weight to +0.0 now (the wrapped optimizer does it after every step).</summary>
    public void ApplyMask()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        binding.Current().ApplyToWeights();
    }

    /// <summary>The number of pruned weights that are not +0.0, −0.0 included (0 whenever the mask is in force).</summary>
    /// <returns>The count.</returns>
    public long CountRevivedWeights()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return binding.Current().CountRevivedWeights();
    }

    /// <summary>
    /// Wraps <paramref name="optimizer"/> so that every <c>step()</c> is followed by <see cref="ApplyMask"/>: train with the
    /// wrapper and pruned weights stay +0.0 with nothing else to call. Any optimizer works, TorchSharp's or your own subclass
    /// of <c>torch.optim.Optimizer</c>.
    /// </summary>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="leaveOpen">Whether the wrapper leaves <paramref name="optimizer"/> undisposed when it is disposed.</param>
    /// <returns>The wrapper; dispose it (it disposes <paramref name="optimizer"/> unless <paramref name="leaveOpen"/>).</returns>
    public MaskedOptimizer Wrap(optim.Optimizer optimizer, bool leaveOpen = false)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(optimizer);
        return new MaskedOptimizer(optimizer, this, leaveOpen);
    }

    /// <summary>Saves the mask as safetensors under the parameters' names (see <see cref="Mask.Save"/>).</summary>
    /// <param name="path">The file to write (atomically).</param>
    public void SaveMask(string path) => Mask.Save(path);

    /// <summary>Loads a mask saved by <see cref="SaveMask"/> (or any mask file over the same parameters), puts it in force and sets the pruned weights to +0.0.</summary>
    /// <param name="path">The safetensors file.</param>
    /// <exception cref="ArgumentException">The file's tensors do not match the pruned parameters.</exception>
    public void LoadMask(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        binding.Replace(Mask.Load(path, layers, binding.Mask.Device));
        ApplyMask();
    }

    /// <summary>The snapshot (every parameter and buffer of the model), or <see langword="null"/> before one is taken. Borrowed.</summary>
    public IReadOnlyDictionary<string, Tensor>? Snapshot => snapshot.Weights;

    /// <summary>
    /// Copies every parameter and buffer of the model (the state dict) as the point to rewind to, replacing any earlier
    /// snapshot; with <paramref name="optimizer"/>, its state too (momentum, Adam moments, step counts, learning rates), so
    /// that <see cref="Rewind"/> restores the whole training state of the step (late rewinding). Its copy is also the
    /// criterion's initial weights (for <c>large_init</c>, <c>movement</c>, …) at later pruning steps.
    /// </summary>
    /// <param name="optimizer">The optimizer (or the <see cref="MaskedOptimizer"/> wrapping it) whose state to copy; <see langword="null"/> for the weights only.</param>
    /// <exception cref="ArgumentException">The optimizer cannot save its state: TorchSharp saves the state of the optimizers derived from <c>OptimizerHelper</c> (SGD, Adam, AdamW, RMSprop, Adagrad, …).</exception>
    public void TakeSnapshot(optim.Optimizer? optimizer = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        snapshot.Take(Model, optimizer);
    }

    /// <summary>
    /// Loads the snapshot into the model (every parameter and buffer) and sets the pruned weights to +0.0: the ticket
    /// (mask, weights of the snapshot's step). With <paramref name="optimizer"/>, restores the optimizer state saved with the
    /// snapshot as well.
    /// </summary>
    /// <param name="optimizer">The optimizer whose state to restore (the one, or one of the same type over the same parameters, given to <see cref="TakeSnapshot"/>); <see langword="null"/> to leave it alone.</param>
    /// <exception cref="InvalidOperationException">No snapshot was taken, or <paramref name="optimizer"/> is given but the snapshot holds no optimizer state.</exception>
    public void Rewind(optim.Optimizer? optimizer = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        snapshot.Load(Model, optimizer);
        ApplyMask();
    }

    /// <summary>Releases the mask, the snapshot and the generator. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        binding.Dispose();
        snapshot.Dispose();
        if (ownsGenerator)
        {
            generator.Dispose();
        }
    }

    /// <summary>Binds the sparsifier to <paramref name="target"/> (the callback's model, given at training start).</summary>
    internal void Bind(nn.Module target)
    {
        binding.Bind(target);
        binding.Current();
    }

    /// <summary>Puts a checkpointed state in force (the callback's restore): the mask (owned), the snapshot (owned) and the history.</summary>
    internal void Restore(Mask next, OrderedDictionary<string, Tensor>? nextSnapshot, IEnumerable<SparsityHistoryEntry> nextHistory)
    {
        binding.Replace(next);
        snapshot.Replace(nextSnapshot);
        history.Clear();
        history.AddRange(nextHistory);
    }

    /// <summary>
    /// Puts in force the mask that meets <paramref name="step"/>, ranking the current weights by the criterion: from the
    /// current mask (a level step), or from a dense one over all weights when <paramref name="fresh"/> (a gradual step).
    /// </summary>
    private void PruneTo(PruningStep step, bool fresh)
    {
        var target = Model;
        binding.Current(); // moves the mask to the parameters' device
        Mask next;
        using (NewDisposeScope())
        {
            var weights = target.state_dict();
            using var dense = fresh ? Mask.Dense(layers, binding.Mask.Device) : null;
            var context = new CriterionContext(dense ?? binding.Mask, generator) { FinalWeights = weights, InitialWeights = snapshot.Weights };
            next = Pruner.Prune(Criterion, context, step.ToAmounts(layers), step.Scope);
        }

        binding.Replace(next);
    }

    /// <summary>Sets the pruned weights to +0.0 and records the new mask's sparsity at <paramref name="at"/> (iteration or level).</summary>
    private void Record(long at)
    {
        binding.Current().ApplyToWeights();
        history.Add(new SparsityHistoryEntry(at, binding.Mask.Sparsity()));
    }
}
