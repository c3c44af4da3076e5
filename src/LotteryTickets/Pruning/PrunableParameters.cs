using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Pruning;

/// <summary>
/// Selects the parameters pruning acts on: by default the weights of every <see cref="Linear"/>
/// and <see cref="Conv2d"/> module (not biases, not normalization parameters), in model order.
/// The last such weight in the model is the output layer (<see cref="PrunableLayer.IsOutput"/>);
/// when it is ignored, no layer is marked as output.
/// </summary>
public static class PrunableParameters
{
    /// <summary>The prunable weights of <paramref name="model"/>, in model order.</summary>
    /// <param name="model">The model; not modified.</param>
    /// <param name="options">Weights to leave out; <see langword="null"/> selects every Linear and Conv weight.</param>
    /// <returns>The prunable layers, in the order of <see cref="Module.NamedParameters"/>.</returns>
    /// <exception cref="ArgumentException">An ignored name is not a prunable weight of the model.</exception>
    public static IReadOnlyList<PrunableLayer> Select(Module model, PrunableParameterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var candidates = new List<(string Name, Module Owner, Tensor Weight, LayerKind Kind)>();
        foreach (var (prefix, module) in model.NamedModules())
        {
            var (weight, kind) = module switch
            {
                Linear linear => (linear.Weight, LayerKind.Linear),
                Conv2d conv => (conv.Weight, LayerKind.Convolution),
                _ => ((Tensor?)null, LayerKind.Other),
            };
            if (weight is not null)
            {
                candidates.Add((prefix.Length == 0 ? "weight" : prefix + ".weight", module, weight, kind));
            }
        }

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

            result.Add(new PrunableLayer(c.Name, c.Weight.Shape, c.Kind, IsOutput: i == candidates.Count - 1));
        }

        return result;
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
        var candidates = tensors.Where(t => t.Value.Dim >= 2).Select(t => (t.Key, t.Value.Shape)).ToList();
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

    internal static string Quote(IEnumerable<string> names)
    {
        var list = names.Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}
