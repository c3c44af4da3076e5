using LotteryTickets.Initialization;
using LotteryTickets.Tickets;

namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// Builds the transforms of a branch value: each element of <see cref="ExperimentNames.TransformChain"/> is a built-in
/// transform's name, with options for the transforms that take them (<c>smart_ratio</c>, <c>hybrid</c>, <c>snip</c>,
/// <c>grasp</c>, their data checks, <c>synflow</c>), e.g. <c>snip(samplesPerClass=20)</c>. A plain name gives the
/// registry's instance.
/// </summary>
internal static class BranchTransforms
{
    /// <summary>The options <paramref name="transform"/> takes in a file; empty for a transform that takes none.</summary>
    /// <param name="transform">A registry instance (<see cref="TicketTransforms.Get"/>).</param>
    /// <returns>The options, in the order the documentation lists them.</returns>
    public static IReadOnlyList<TransformOption> OptionsOf(ITicketTransform transform) => transform switch
    {
        SnipPruning => [TransformOption.SamplesPerClass, TransformOption.DataVariant],
        GraspPruning => [TransformOption.SamplesPerClass, TransformOption.DataVariant, TransformOption.Temperature],
        SynFlowPruning => [TransformOption.Rounds],
        HybridTicket => [TransformOption.LinearKeepRatio, TransformOption.Residual],
        RandomTicket { Name: RandomTicket.SmartRatioName } => [TransformOption.LinearKeepRatio, TransformOption.Residual],
        _ => [],
    };

    /// <summary>The transforms of a branch value, in order, or <see langword="null"/> when any is invalid.</summary>
    /// <param name="path">The key path that starts each error, e.g. <c>branches.sr</c>.</param>
    /// <param name="value">The branch's value in the file.</param>
    /// <param name="errors">Receives every problem, each starting with <paramref name="path"/>.</param>
    /// <returns>The transforms, or <see langword="null"/> when an error was added.</returns>
    public static IReadOnlyList<ITicketTransform>? Build(string path, string value, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(errors);
        var transforms = new List<ITicketTransform>();
        var valid = true;
        foreach (var text in ExperimentNames.TransformChain(value))
        {
            if (BuildOne(path, text, errors) is { } transform)
            {
                transforms.Add(transform);
            }
            else
            {
                valid = false;
            }
        }

        return valid ? transforms : null;
    }

    private static ITicketTransform? BuildOne(string path, string text, List<string> errors)
    {
        if (!TransformSpec.TryParse(text, out var spec, out var error))
        {
            errors.Add($"{path}: {error}");
            return null;
        }

        if (ExperimentNames.Find(ExperimentNames.Transforms, spec!.Name) is not { } name)
        {
            errors.Add($"{path}: the transform '{spec.Name}' is unknown; the known transforms are {ExperimentNames.Quote(ExperimentNames.Transforms)}.");
            return null;
        }

        var registry = TicketTransforms.Get(name);
        if (spec.Options.Count == 0)
        {
            return registry;
        }

        var known = OptionsOf(registry);
        if (known.Count == 0)
        {
            errors.Add($"{path}: the transform '{name}' takes no options; write '{name}' alone.");
            return null;
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var count = errors.Count;
        foreach (var (key, text2) in spec.Options)
        {
            var option = known.FirstOrDefault(o => ExperimentNames.Simplify(o.Name) == ExperimentNames.Simplify(key));
            if (option is null)
            {
                errors.Add($"{path}: the transform '{name}' has no option '{key}'; the known options are {ExperimentNames.Quote(known.Select(o => o.Name))}.");
            }
            else if (values.ContainsKey(option.Name))
            {
                errors.Add($"{path}: the option '{option.Name}' of '{name}' is given twice; give it once.");
            }
            else if (option.Read(text2) is { } read)
            {
                values[option.Name] = read;
            }
            else
            {
                errors.Add($"{path}: the option '{option.Name}' of '{name}' is '{text2}', which is not {option.Kind}; give {option.Hint}.");
            }
        }

        if (errors.Count > count)
        {
            return null;
        }

        try
        {
            return Construct(registry, values);
        }
        catch (ArgumentException e)
        {
            // The options classes list every problem as "- ..." lines under a heading naming the class.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            var lines = message.Split(Environment.NewLine).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();
            errors.AddRange((lines.Count > 0 ? lines : [message]).Select(l => $"{path}: {l}"));
            return null;
        }
    }

    private static ITicketTransform Construct(ITicketTransform registry, Dictionary<string, object> values) => registry switch
    {
        SnipPruning snip => new SnipPruning(new SnipOptions
        {
            SamplesPerClass = Get(values, TransformOption.SamplesPerClass, snip.SamplesPerClass),
            DataVariant = Get(values, TransformOption.DataVariant, snip.DataVariant),
        }),
        GraspPruning grasp => new GraspPruning(new GraspOptions
        {
            SamplesPerClass = Get(values, TransformOption.SamplesPerClass, grasp.SamplesPerClass),
            DataVariant = Get(values, TransformOption.DataVariant, grasp.DataVariant),
            Temperature = Get(values, TransformOption.Temperature, grasp.Temperature),
        }),
        SynFlowPruning synFlow => new SynFlowPruning(new SynFlowOptions { Rounds = Get(values, TransformOption.Rounds, synFlow.Rounds) }),
        HybridTicket hybrid => new HybridTicket(SmartRatio(values, hybrid.Densities)),
        RandomTicket { Densities: SmartRatioDensities densities } => RandomTicket.SmartRatio(SmartRatio(values, densities)),
        _ => throw new InvalidOperationException($"The transform '{registry.Name}' takes no options."),
    };

    private static SmartRatioOptions SmartRatio(Dictionary<string, object> values, SmartRatioDensities defaults) => new()
    {
        // Options fix 'residual' (false unless given), where the plain name takes it from the network.
        Residual = Get(values, TransformOption.Residual, defaults.Residual),
        LinearKeepRatio = Get(values, TransformOption.LinearKeepRatio, defaults.LinearKeepRatio),
    };

    private static T Get<T>(Dictionary<string, object> values, TransformOption option, T fallback) =>
        values.TryGetValue(option.Name, out var value) ? (T)value : fallback;
}
