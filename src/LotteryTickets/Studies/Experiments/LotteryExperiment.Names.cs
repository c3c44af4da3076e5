using LotteryTickets.Components;
using LotteryTickets.Criteria;
using LotteryTickets.Models;
using LotteryTickets.Tickets;
using LotteryTickets.Initialization;

namespace LotteryTickets.Experiments;

/// <content>
/// The parts by name: each string form resolves <c>name</c> or <c>name(key=value, ...)</c> in the builder's
/// <see cref="ComponentRegistry"/>, the grammar experiment files use; problems are reported by <see cref="Build"/>.
/// </content>
public sealed partial class LotteryExperiment
{
    /// <summary>
    /// Uses a model of the zoo (<see cref="ModelZoo"/>) or a registered one (<see cref="ComponentRegistry.Models"/>),
    /// built for the data's sample shape and number of classes; a bad name or option is reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="zooName">E.g. <c>lenet300_100</c>, <c>lenet300_100(widthMultiplier=0.5)</c> or a registered <c>my_mlp(hidden=64)</c>.</param>
    /// <param name="widthMultiplier">Scales every hidden width of a zoo model; 1 for the paper's networks.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithModel(string zooName, double widthMultiplier = 1.0)
    {
        var text = zooName ?? string.Empty;
        if (ModelZoo.Contains(text) || !ComponentSpec.TryParse(text, out var spec, out _) || !parts.Models.Contains(spec.Name))
        {
            model = ModelSource.Zoo(text, widthMultiplier);
            return this;
        }

        var errors = new List<string>();
        if (parts.Models.TryCreate(spec, errors) is not { } factory)
        {
            deferred.AddRange(errors.Select(e => new ExperimentError("model", e)));
            model = ModelSource.Zoo(ModelZoo.Names[0], 1.0);
        }
        else if (parts.Models.IdentityOf(factory) is { BuiltIn: true } zoo)
        {
            model = ModelSource.Zoo(zoo.Name, zoo.Options.TryGetValue("widthMultiplier", out var w) ? (double)w! : widthMultiplier);
        }
        else
        {
            model = ModelSource.Registered(spec.Name, parts.Models.IdentityOf(factory)!.Options, factory);
        }

        return this;
    }

    /// <summary>
    /// Prunes by the criterion <paramref name="criterionName"/> names in the builder's registry (built-ins: see
    /// <see cref="MaskCriteria.Get"/>); an unknown name or a bad option is reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="criterionName">E.g. <c>large_final</c>, <c>magnitude_increase_same_sign</c>, a registered <c>my_score(power=3)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithCriterion(string criterionName)
    {
        criterion = Resolve(parts.Criteria, criterionName, "criterion") ?? criterion;
        return this;
    }

    /// <summary>
    /// Prunes by the schedule <paramref name="schedule"/> names in the builder's registry: <c>iterative(levels=5, rate=0.2)</c>,
    /// <c>one_shot(sparsity=0.9)</c>, <c>gradual(curve=agp, sparsity=0.9)</c> or one of yours; a bad name or option is
    /// reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="schedule">The schedule as <c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithSchedule(string schedule)
    {
        this.schedule = Resolve(parts.Schedules, schedule, "schedule") ?? this.schedule;
        return this;
    }

    /// <summary>
    /// Trains with the optimizer <paramref name="optimizer"/> names in the builder's registry: <c>sgd(momentum=0.9)</c>,
    /// <c>adam</c>, <c>adamw(weightDecay=0.01)</c>, <c>rmsprop(alpha=0.9, momentum=0.5, centered=true)</c>,
    /// <c>adagrad(learningRateDecay=0.001, initialAccumulatorValue=0.1)</c> or one of yours (see
    /// <see cref="ComponentRegistry.Optimizers"/>); a bad name or option is reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="optimizer">The optimizer as <c>name</c> or <c>name(key=value, ...)</c>; options not given keep the training options' values.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithOptimizer(string optimizer)
    {
        Resolve(parts.Optimizers, optimizer, "training.Optimizer")?.Invoke(training);
        return this;
    }

    /// <summary>
    /// Trains with, and reports, the loss <paramref name="loss"/> names in the builder's registry: <c>cross_entropy</c>
    /// (the default) or <c>mse</c> (mean squared error of the outputs against one-hot targets, see
    /// <see cref="Training.LossKind"/>); a bad name is reported by <see cref="Build"/>. Error and accuracy stay the
    /// largest output's class.
    /// </summary>
    /// <param name="loss">The loss as <c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithLoss(string loss)
    {
        Resolve(parts.Losses, loss, "training.Loss")?.Invoke(training);
        return this;
    }

    /// <summary>
    /// Rewinds pruned networks by the policy <paramref name="policy"/> names in the builder's registry (see
    /// <see cref="ComponentRegistry.RewindPolicies"/>); a bad name is reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="policy">E.g. <c>init</c>, <c>none</c>, <c>iteration(k=500)</c>, <c>epoch(k=1)</c>, <c>lr</c>, <c>lr(epoch=1)</c>, or the forms <c>iteration:500</c>, <c>lr:epoch:1</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithRewind(string policy)
    {
        rewind = Resolve(parts.RewindPolicies, policy, "rewind") ?? rewind;
        return this;
    }

    /// <summary>
    /// Adds a branch of transforms named in the builder's registry (built-ins: see <see cref="TicketTransforms"/>),
    /// each <c>name</c> or <c>name(key=value, ...)</c>; unknown names and bad options are reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="name">The branch name.</param>
    /// <param name="transformNames">The transforms, applied in order, e.g. <c>snip(samplesPerClass=20)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithBranch(string name, params string[] transformNames)
    {
        var transforms = new List<ITicketTransform>();
        foreach (var t in transformNames ?? [])
        {
            if (Resolve(parts.Transforms, t, ExperimentError.BranchOption(name ?? string.Empty)) is { } transform)
            {
                transforms.Add(transform);
            }
        }

        branches.Add(new ExperimentBranch(name ?? string.Empty, transforms));
        return this;
    }

    /// <summary>Adds a control branch of one transform by name, named after it (without its options).</summary>
    /// <param name="transformName">E.g. <c>random_reinit</c>, <c>synflow(rounds=10)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithControl(string transformName) =>
        WithBranch(ComponentSpec.TryParse(transformName, out var spec, out _) ? spec.Name : transformName ?? string.Empty, [transformName!]);

    private T? Resolve<T>(ComponentCatalog<T> catalog, string? text, string option)
        where T : class
    {
        var errors = new List<string>();
        var component = catalog.TryCreate(text, errors);
        deferred.AddRange(errors.Select(e => new ExperimentError(option, e)));
        return component;
    }
}
