using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Masks;

/// <summary>
/// Selects the parameters pruning acts on: by default the weights of every <see cref="Linear"/>
/// and <see cref="Conv2d"/> module of any <see cref="nn.Module"/> (not biases, not normalization parameters), in
/// model order, named as <c>named_parameters()</c> names them; <see cref="PrunableParameterOptions.Where"/> chooses
/// any other set (e.g. <see cref="LinearAndConvolutionWeights"/>).
/// The last such weight in the model is the output layer (<see cref="PrunableLayer.IsOutput"/>);
/// when it is ignored, no layer is marked as output.
/// </summary>
public static class PrunableParameters
{
    /// <summary>The prunable weights of <paramref name="model"/>, in model order.</summary>
    /// <param name="model">The model; not modified.</param>
    /// <param name="options">Which parameters to choose and which to leave out; <see langword="null"/> selects every Linear and Conv2d weight.</param>
    /// <returns>The prunable layers, in the order of <c>named_parameters()</c>.</returns>
    /// <exception cref="ArgumentException">An ignored name is not a prunable weight of the model.</exception>
    public static IReadOnlyList<PrunableLayer> Select(nn.Module model, PrunableParameterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var candidates = options?.Where is { } where ? Chosen(model, where) : Candidates(model);
        var ignore = options?.Ignore ?? [];
        var errors = new List<string>();
        foreach (var name in ignore)
        {
            if (!candidates.Exists(c => c.Name == name))
            {
                errors.Add(
                    $"The ignored parameter '{name}' is not a prunable weight of the model; the prunable weights are {Quote(candidates.Select(c => c.Name))}. Remove it from 'Ignore'.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "The 'PrunableParameterOptions' are invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)),
                nameof(options));
        }

        var result = new List<PrunableLayer>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if (ignore.Contains(c.Name) || (options?.IgnoreWhere?.Invoke(c.Name, c.Owner) ?? false))
            {
                continue;
            }

            result.Add(new PrunableLayer(c.Name, c.Weight.shape, c.Kind, IsOutput: i == candidates.Count - 1));
        }

        return result;
    }

    /// <summary>
    /// A selection predicate for <see cref="PrunableParameterOptions.Where"/>: the <c>weight</c> of every <see cref="Linear"/>,
    /// <see cref="Conv1d"/>, <see cref="Conv2d"/> and <see cref="Conv3d"/> module (the default selection of a
    /// <see cref="LotteryTickets.Pruning.Sparsifier"/>).
    /// </summary>
    /// <param name="name">The parameter's state-dict name.</param>
    /// <param name="owner">The module that registers the parameter.</param>
    /// <returns>Whether the parameter is such a weight.</returns>
    public static bool LinearAndConvolutionWeights(string name, nn.Module owner)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(owner);
        var local = name[(name.LastIndexOf('.') + 1)..];
        return local == "weight" && owner is Linear or Conv1d or Conv2d or Conv3d;
    }

    /// <summary>
    /// The prunable tensors of a plain tensor dictionary (e.g. a safetensors file): every tensor
    /// of rank ≥ 2, of kind <see cref="LayerKind.Other"/>, in the dictionary's order; the last one
    /// is the output layer.
    /// </summary>
    /// <param name="tensors">Tensors by name; not modified or disposed.</param>
    /// <param name="ignore">Names to leave out; each must be a rank ≥ 2 tensor of <paramref name="tensors"/>.</param>
    /// <returns>The prunable layers.</returns>
    /// <exception cref="ArgumentException">An ignored name is not a prunable tensor.</exception>
    public static IReadOnlyList<PrunableLayer> FromTensors(IReadOnlyDictionary<string, Tensor> tensors, IEnumerable<string>? ignore = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var candidates = tensors.Where(t => t.Value.dim() >= 2).Select(t => (t.Key, Shape: t.Value.shape)).ToList();
        var ignored = ignore?.ToList() ?? [];
        var unknown = ignored.Where(n => !candidates.Exists(c => c.Key == n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                string.Join(
                    Environment.NewLine,
                    unknown.Select(n => $"The ignored tensor '{n}' is not a prunable tensor (rank ≥ 2); the prunable tensors are {Quote(candidates.Select(c => c.Key))}. Remove it from the ignore list.")),
                nameof(ignore));
        }

        var kept = candidates.Where(c => !ignored.Contains(c.Key)).ToList();
        return kept.Select((c, i) => new PrunableLayer(c.Key, c.Shape, LayerKind.Other, IsOutput: i == kept.Count - 1)).ToList();
    }

    /// <summary>
    /// The weights of the model's Linear and Conv2d modules (the model itself included), in the order of
    /// <c>named_parameters()</c>, each under its parameter name; a module registered twice counts once.
    /// </summary>
    private static List<(string Name, nn.Module Owner, Tensor Weight, LayerKind Kind)> Candidates(nn.Module model)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<IntPtr, string>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            order[name] = order.Count;
            names.TryAdd(parameter.Handle, name);
        }

        var candidates = new List<(string Name, nn.Module Owner, Tensor Weight, LayerKind Kind)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in model.modules().Prepend(model))
        {
            var (weight, kind) = module switch
            {
                Linear linear => ((Tensor?)linear.weight, LayerKind.Linear),
                Conv2d conv => (conv.weight, LayerKind.Convolution),
                _ => ((Tensor?)null, LayerKind.Other),
            };
            if (weight is not null && names.TryGetValue(weight.Handle, out var name) && seen.Add(name))
            {
                candidates.Add((name, module, weight, kind));
            }
        }

        candidates.Sort((a, b) => order[a.Name].CompareTo(order[b.Name]));
        return candidates;
    }

    /// <summary>The parameters <paramref name="where"/> chooses, in <c>named_parameters()</c> order, each with the module that registers it.</summary>
    private static List<(string Name, nn.Module Owner, Tensor Weight, LayerKind Kind)> Chosen(nn.Module model, Func<string, nn.Module, bool> where)
    {
        var owners = new Dictionary<string, nn.Module>(StringComparer.Ordinal);
        foreach (var (name, _) in model.named_parameters(recurse: false))
        {
            owners.TryAdd(name, model);
        }

        foreach (var (prefix, module) in model.named_modules())
        {
            foreach (var (name, _) in module.named_parameters(recurse: false))
            {
                owners.TryAdd(prefix.Length == 0 ? name : prefix + "." + name, module);
            }
        }

        var chosen = new List<(string Name, nn.Module Owner, Tensor Weight, LayerKind Kind)>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (owners.TryGetValue(name, out var owner) && where(name, owner))
            {
                var kind = owner switch
                {
                    Linear => LayerKind.Linear,
                    Conv1d or Conv2d or Conv3d => LayerKind.Convolution,
                    _ => LayerKind.Other,
                };
                chosen.Add((name, owner, parameter, kind));
            }
        }

        return chosen;
    }

    internal static string Quote(IEnumerable<string> names)
    {
        var list = names.Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}
