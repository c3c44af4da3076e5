using LotteryTickets.Components;
using LotteryTickets.Models;
using LotteryTickets.Tickets;

namespace LotteryTickets.Experiments;

/// <summary>
/// The parts a builder's string forms name: <c>name</c> or <c>name(key=value, ...)</c> resolved in the settings'
/// <see cref="ComponentRegistry"/>, the grammar experiment files use; each problem is recorded in the settings'
/// deferred problems under the option it concerns, for <see cref="LotteryExperiment.Build"/> to report.
/// </summary>
internal static class NamedParts
{
    /// <summary>The part <paramref name="text"/> names in <paramref name="catalog"/>, or null (its problems recorded under <paramref name="option"/>).</summary>
    /// <typeparam name="T">The kind of part.</typeparam>
    /// <param name="settings">The settings that record the problems.</param>
    /// <param name="catalog">The catalog of the kind of part.</param>
    /// <param name="text">The part as <c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <param name="option">The option the problems concern.</param>
    /// <returns>The part, or null when it cannot be made.</returns>
    public static T? Resolve<T>(ExperimentSettings settings, ComponentCatalog<T> catalog, string? text, string option)
        where T : class
    {
        var errors = new List<string>();
        var component = catalog.TryCreate(text, errors);
        settings.Deferred.AddRange(errors.Select(e => new ExperimentError(option, e)));
        return component;
    }

    /// <summary>
    /// The model <paramref name="zooName"/> names: a zoo model, or a registered one; a registered name with bad options
    /// records its problems and stands in the zoo's first model, so that the other checks still run.
    /// </summary>
    /// <param name="settings">The settings whose registry is searched and that record the problems.</param>
    /// <param name="zooName">A zoo name, or a registered model as <c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <param name="widthMultiplier">The width multiplier of a zoo model not given one in its options.</param>
    /// <returns>The model.</returns>
    public static ModelSource Model(ExperimentSettings settings, string? zooName, double widthMultiplier)
    {
        var text = zooName ?? string.Empty;
        var models = settings.Parts.Models;
        if (ModelZoo.Contains(text) || !ComponentSpec.TryParse(text, out var spec, out _) || !models.Contains(spec.Name))
        {
            return ModelSource.Zoo(text, widthMultiplier);
        }

        var errors = new List<string>();
        if (models.TryCreate(spec, errors) is not { } factory)
        {
            settings.Deferred.AddRange(errors.Select(e => new ExperimentError("model", e)));
            return ModelSource.Zoo(ModelZoo.Names[0], 1.0);
        }

        return models.IdentityOf(factory) is { BuiltIn: true } zoo
            ? ModelSource.Zoo(zoo.Name, zoo.Options.TryGetValue("widthMultiplier", out var w) ? (double)w! : widthMultiplier)
            : ModelSource.Registered(spec.Name, models.IdentityOf(factory)!.Options, factory);
    }

    /// <summary>The branch <paramref name="name"/> of the transforms <paramref name="transformNames"/> name, those that can be made.</summary>
    /// <param name="settings">The settings whose registry is searched and that record the problems.</param>
    /// <param name="name">The branch name.</param>
    /// <param name="transformNames">The transforms, each <c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <returns>The branch.</returns>
    public static ExperimentBranch Branch(ExperimentSettings settings, string? name, IEnumerable<string>? transformNames)
    {
        var transforms = new List<ITicketTransform>();
        foreach (var t in transformNames ?? [])
        {
            if (Resolve(settings, settings.Parts.Transforms, t, ExperimentError.BranchOption(name ?? string.Empty)) is { } transform)
            {
                transforms.Add(transform);
            }
        }

        return new ExperimentBranch(name ?? string.Empty, transforms);
    }
}
