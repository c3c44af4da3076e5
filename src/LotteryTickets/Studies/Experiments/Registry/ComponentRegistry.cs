using System.Reflection;
using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using LotteryTickets.Components;

namespace LotteryTickets.Experiments;

/// <summary>
/// The parts of an experiment by name: one <see cref="ComponentCatalog{T}"/> per kind, each with the built-ins and
/// whatever you <c>Register</c>. C# (<c>LotteryExperiment.WithCriterion("my_score(power=3)")</c>) and experiment
/// files name parts the same way, <c>name</c> or <c>name(key=value, ...)</c> (<see cref="ComponentSpec"/>).
/// </summary>
/// <example>
/// <code>
/// var parts = ComponentRegistry.CreateDefault();
/// parts.Criteria.Register("large_final_squared", new ElementwiseCriterion("large_final_squared", needsInitial: false, needsFinal: true, (_, wf) =&gt; wf!.square()));
/// var plan = LotteryExperiment.Create("mine", parts).WithCriterion("large_final_squared") /* … */ .Build();
/// </code>
/// </example>
public sealed class ComponentRegistry
{
    private readonly bool frozen;

    private ComponentRegistry(bool frozen)
    {
        Func<bool> readOnly = () => this.frozen;
        Criteria = new("mask criterion", readOnly);
        Transforms = new("transform", readOnly);
        RewindPolicies = new("rewind policy", readOnly);
        Schedules = new("schedule", readOnly);
        Models = new("model", readOnly);
        Optimizers = new("optimizer", readOnly);
        Losses = new("loss", readOnly);
        if (frozen)
        {
            BuiltInComponents.Register(this);
            this.frozen = true;
        }
    }

    /// <summary>The shared registry of the built-ins alone, which cannot change; the default of <c>LotteryExperiment.Create(name)</c>.</summary>
    public static ComponentRegistry BuiltIn { get; } = new(frozen: true);

    /// <summary>Mask criteria (<see cref="IMaskCriterion"/>): <c>large_final</c>, …, with the <c>_same_sign</c> / <c>_different_sign</c> suffixes.</summary>
    public ComponentCatalog<IMaskCriterion> Criteria { get; }

    /// <summary>Ticket transforms (<see cref="ITicketTransform"/>): <c>random_reinit</c>, <c>snip(samplesPerClass=20)</c>, ….</summary>
    public ComponentCatalog<ITicketTransform> Transforms { get; }

    /// <summary>Rewind policies (<see cref="IRewindPolicy"/>): <c>init</c>, <c>none</c>, <c>iteration(k=500)</c>, <c>epoch(k=1)</c>, <c>lr</c>, <c>lr(epoch=1)</c>, and the forms <c>iteration:500</c>, <c>lr:epoch:1</c>.</summary>
    public ComponentCatalog<IRewindPolicy> RewindPolicies { get; }

    /// <summary>Pruning schedules (<see cref="IPruneSchedule"/>): <c>iterative(levels=5)</c>, <c>one_shot(sparsity=0.9)</c>, <c>gradual(curve=agp, sparsity=0.9)</c>.</summary>
    public ComponentCatalog<IPruneSchedule> Schedules { get; }

    /// <summary>Models (<see cref="ModelFactory"/>): the zoo's networks (<c>lenet300_100(widthMultiplier=0.5)</c>) and yours.</summary>
    public ComponentCatalog<ModelFactory> Models { get; }

    /// <summary>
    /// Optimizers, as a change of the training options: <c>sgd(momentum=0.9, nesterov=true)</c>, <c>adam</c>,
    /// <c>adamw(weightDecay=0.01)</c>, <c>rmsprop(alpha=0.9, centered=true)</c>, <c>adagrad(learningRateDecay=0.01)</c>.
    /// </summary>
    public ComponentCatalog<Action<TrainingOptions>> Optimizers { get; }

    /// <summary>
    /// Losses, as a change of the training options (<see cref="TrainingOptions.Loss"/>): <c>cross_entropy</c> (the
    /// default) and <c>mse</c> (mean squared error against one-hot targets, see <see cref="LossKind"/>). The
    /// <see cref="Trainer"/> minimizes the chosen loss and its evaluations report it.
    /// </summary>
    public ComponentCatalog<Action<TrainingOptions>> Losses { get; }

    /// <summary>A new registry with the built-ins, to which you add your own parts.</summary>
    /// <returns>The registry.</returns>
    public static ComponentRegistry CreateDefault()
    {
        var registry = new ComponentRegistry(frozen: false);
        BuiltIn.Criteria.CopyTo(registry.Criteria);
        BuiltIn.Transforms.CopyTo(registry.Transforms);
        BuiltIn.RewindPolicies.CopyTo(registry.RewindPolicies);
        BuiltIn.Schedules.CopyTo(registry.Schedules);
        BuiltIn.Models.CopyTo(registry.Models);
        BuiltIn.Optimizers.CopyTo(registry.Optimizers);
        BuiltIn.Losses.CopyTo(registry.Losses);
        return registry;
    }

    /// <summary>Registers the parts of <paramref name="module"/>.</summary>
    /// <param name="module">The module.</param>
    /// <returns>This registry.</returns>
    public ComponentRegistry Add(ILotteryPartsModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        module.Register(this);
        return this;
    }

    /// <summary>
    /// Registers the parts of every public, non-abstract <see cref="ILotteryPartsModule"/> class of
    /// <paramref name="assembly"/> (created through its public parameterless constructor), in the order of their full names.
    /// </summary>
    /// <param name="assembly">The assembly of parts.</param>
    /// <returns>The modules' type names.</returns>
    /// <exception cref="ArgumentException">The assembly has no such class; the message says how to write one.</exception>
    public IReadOnlyList<string> AddParts(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var modules = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILotteryPartsModule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        if (modules.Count == 0)
        {
            throw new ArgumentException(
                $"The assembly '{assembly.GetName().Name}' has no public class that implements 'ILotteryPartsModule' with a public parameterless constructor; add one whose Register method registers your parts.",
                nameof(assembly));
        }

        foreach (var type in modules)
        {
            Add((ILotteryPartsModule)Activator.CreateInstance(type)!);
        }

        return [.. modules.Select(t => t.FullName!)];
    }
}
