using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// How an <see cref="OptimizerStateTensors"/> fits an optimizer: every reason it does not, and, read along the way, the
/// groups' saved learning rates and weight decays and the state entries by parameter (with the step counts).
/// </summary>
internal sealed class OptimizerStateFit
{
    private OptimizerStateFit(
        List<string> problems,
        (double Lr, double InitialLr, double WeightDecay)[] groups,
        Dictionary<string, (string Parameter, long Step)> entries,
        Dictionary<string, Parameter> parameters)
    {
        Problems = problems;
        Groups = groups;
        Entries = entries;
        Parameters = parameters;
    }

    /// <summary>Every reason the state does not fit, as sentences; empty when it fits.</summary>
    public List<string> Problems { get; }

    /// <summary>Each group's saved <c>lr</c>, <c>initial_lr</c> and <c>weight_decay</c>.</summary>
    public (double Lr, double InitialLr, double WeightDecay)[] Groups { get; }

    /// <summary>The well-formed state entries by name: the parameter's name and, for a <c>step</c> entry, its count.</summary>
    public Dictionary<string, (string Parameter, long Step)> Entries { get; }

    /// <summary>The optimizer's parameters by name.</summary>
    public Dictionary<string, Parameter> Parameters { get; }

    /// <summary>Checks <paramref name="state"/> against the <paramref name="kind"/> optimizer laid out in <paramref name="layout"/>.</summary>
    public static OptimizerStateFit Check(OptimizerStateTensors state, string kind, OptimizerGroupLayout[] layout)
    {
        var problems = new List<string>();
        if (state.OptimizerName != kind)
        {
            problems.Add(state.OptimizerName.Length == 0
                ? $"The metadata has no '{OptimizerStateTensors.OptimizerKey}' entry naming the optimizer type."
                : $"The state is of a {state.OptimizerName} optimizer, but this optimizer is a {kind}; create the optimizer the saved one was.");
        }

        var groupValues = CheckGroups(state.Metadata, kind, layout, problems);
        var parameters = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var group in layout)
        {
            for (var k = 0; k < group.Names.Length; k++)
            {
                parameters[group.Names[k]] = group.Parameters[k];
            }
        }

        var entries = CheckTensors(state.Tensors, kind, parameters, layout, problems);
        return new OptimizerStateFit(problems, groupValues, entries, parameters);
    }

    private static (double Lr, double InitialLr, double WeightDecay)[] CheckGroups(
        IReadOnlyDictionary<string, string> metadata, string kind, OptimizerGroupLayout[] layout, List<string> problems)
    {
        var result = new (double, double, double)[layout.Length];
        if (!metadata.TryGetValue(OptimizerStateTensors.GroupsKey, out var text))
        {
            problems.Add($"The metadata has no '{OptimizerStateTensors.GroupsKey}' entry describing the parameter groups.");
            return result;
        }

        JsonArray groups;
        try
        {
            groups = JsonNode.Parse(text) as JsonArray ?? throw new JsonException("not an array");
        }
        catch (JsonException e)
        {
            problems.Add($"The metadata entry '{OptimizerStateTensors.GroupsKey}' is not a JSON array of parameter groups ({e.Message}).");
            return result;
        }

        if (groups.Count != layout.Length)
        {
            problems.Add($"The state has {groups.Count} parameter groups, but this optimizer has {layout.Length}; create the optimizer with the same groups as the one that was saved.");
            return result;
        }

        for (var g = 0; g < layout.Length; g++)
        {
            if (groups[g] is not JsonObject saved)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Parameter group {g} of the state is not a JSON object."));
                continue;
            }

            var names = (saved[OptimizerStateTensors.Params] as JsonArray)?.Select(n => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null).ToArray() ?? [];
            if (!names.SequenceEqual(layout[g].Names))
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Parameter group {g} of the state holds [{string.Join(", ", names)}] but this optimizer's group {g} holds [{string.Join(", ", layout[g].Names)}]; create the optimizer with the same groups as the one that was saved."));
            }

            var known = new HashSet<string>(StringComparer.Ordinal) { OptimizerStateTensors.Params };
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, mine) in OptimizerHyperparameters.Of(kind, layout[g].Group.Options))
            {
                known.Add(name);
                if (saved[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"Parameter group {g} of the state has no number '{name}'."));
                    continue;
                }

                var value = v.GetValue<double>();
                values[name] = value;
                if (name is "lr" or "initial_lr" or "weight_decay")
                {
                    if (!double.IsFinite(value) || value < 0)
                    {
                        problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' of parameter group {g} is {Format(value)}; it must be a finite number of at least 0."));
                    }
                }
                else if (!value.Equals(mine))
                {
                    problems.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"'{name}' of parameter group {g} is {Format(value)} in the state but {Format(mine)} in this optimizer; create the optimizer with the options of the one that was saved."));
                }
            }

            foreach (var name in saved.Select(e => e.Key).Where(k => !known.Contains(k)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' of parameter group {g} is not a hyper-parameter of a {kind}."));
            }

            result[g] = (values.GetValueOrDefault("lr"), values.GetValueOrDefault("initial_lr"), values.GetValueOrDefault("weight_decay"));
        }

        return result;
    }

    private static Dictionary<string, (string Parameter, long Step)> CheckTensors(
        IReadOnlyDictionary<string, Tensor> tensors, string kind, Dictionary<string, Parameter> parameters, OptimizerGroupLayout[] layout, List<string> problems)
    {
        var entries = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        var present = new HashSet<(string, string)>();
        var stateNames = OptimizerStateEntries.StateNames(kind);
        foreach (var (key, tensor) in tensors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var dot = key.LastIndexOf('.');
            if (!key.StartsWith(OptimizerStateTensors.StatePrefix, StringComparison.Ordinal) || dot <= OptimizerStateTensors.StatePrefix.Length)
            {
                problems.Add($"'{key}' is not an optimizer state entry; entries are named 'state.{{parameter}}.{{state}}'.");
                continue;
            }

            var parameter = key[OptimizerStateTensors.StatePrefix.Length..dot];
            var state = key[(dot + 1)..];
            if (!parameters.TryGetValue(parameter, out var p))
            {
                problems.Add($"'{key}' is the state of a parameter '{parameter}' that this optimizer does not have.");
                continue;
            }

            if (!stateNames.Contains(state))
            {
                problems.Add($"'{key}' is not a state of {kind}, whose states are {string.Join(", ", stateNames.Select(n => $"'{n}'"))}.");
                continue;
            }

            present.Add((parameter, state));
            if (state == OptimizerStateTensors.Step)
            {
                if (ReadStep(key, tensor, problems) is { } step)
                {
                    entries[key] = (parameter, step);
                }

                continue;
            }

            if (!torch.is_floating_point(tensor.dtype))
            {
                problems.Add($"'{key}' holds {tensor.dtype} elements; a state tensor holds floating-point numbers.");
                continue;
            }

            if (!tensor.shape.AsSpan().SequenceEqual(p.shape))
            {
                problems.Add($"'{key}' has shape {Show(tensor.shape)} but the parameter '{parameter}' has shape {Show(p.shape)}.");
                continue;
            }

            entries[key] = (parameter, 0);
        }

        foreach (var group in layout)
        {
            var (required, forbidden) = OptimizerStateEntries.ExpectedStates(group.Group.Options);
            foreach (var name in group.Names)
            {
                var has = required.Where(s => present.Contains((name, s))).ToArray();
                if (has.Length > 0 && has.Length < required.Length)
                {
                    problems.Add($"The parameter '{name}' has some state but lacks {string.Join(", ", required.Except(has).Select(s => $"'{OptimizerStateTensors.StatePrefix}{name}.{s}'"))}.");
                }

                foreach (var (state, reason) in forbidden.Where(f => present.Contains((name, f.State))))
                {
                    problems.Add($"'{OptimizerStateTensors.StatePrefix}{name}.{state}' {reason}");
                }
            }
        }

        return entries;
    }

    private static long? ReadStep(string key, Tensor tensor, List<string> problems)
    {
        if (tensor.numel() != 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{key}' holds {tensor.numel()} elements; a step count holds exactly one."));
            return null;
        }

        var value = tensor.ToDouble();
        if (!(value >= 0) || value != Math.Floor(value) || value > long.MaxValue)
        {
            problems.Add($"'{key}' is {Format(value)}; a step count is a whole number of at least 0.");
            return null;
        }

        return torch.is_floating_point(tensor.dtype) ? (long)value : tensor.ToInt64();
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Show(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
