using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// The random generators whose states a <see cref="Trainer"/> saves in its checkpoints, by name: those of the model's
/// <see cref="IRandomModule"/>s, the global CPU generator when the model holds dropout layers, and those tracked by hand.
/// </summary>
internal sealed class TrainerGenerators : IDisposable
{
    private readonly List<(string Name, Generator Generator)> generators = [];
    private readonly Generator? globalGenerator;

    /// <summary>Tracks the generators of <paramref name="model"/>'s random modules and, when it holds dropout layers, the global one.</summary>
    public TrainerGenerators(nn.Module model)
    {
        foreach (var (name, module) in model.named_modules().Prepend((string.Empty, model)))
        {
            if (module is IRandomModule { Generator: { } g } && !generators.Any(e => ReferenceEquals(e.Generator, g)))
            {
                generators.Add((Trainer.ModuleGeneratorPrefix + (name.Length == 0 ? "(root)" : name), g));
            }
        }

        if (model.modules().Prepend(model).Any(IsRandomLayer))
        {
            globalGenerator = torch.Generator.Default;
            generators.Add((Trainer.GlobalGeneratorName, globalGenerator));
        }
    }

    /// <summary>The names of the tracked generators, in the order they were tracked.</summary>
    public IReadOnlyList<string> Names => [.. generators.Select(g => g.Name)];

    /// <summary>Tracks one more generator.</summary>
    /// <exception cref="ArgumentException">The name is already taken.</exception>
    public void Track(string name, Generator generator)
    {
        if (generators.Any(g => g.Name == name))
        {
            throw new ArgumentException($"A generator named '{name}' is already tracked; give each generator its own name.", nameof(name));
        }

        generators.Add((name, generator));
    }

    /// <summary>Adds each generator's state (a tensor that belongs to no dispose scope) to <paramref name="states"/>.</summary>
    public void CaptureInto(Dictionary<string, Tensor> states)
    {
        foreach (var (name, generator) in generators)
        {
            states[name] = generator.get_state().DetachFromDisposeScope();
        }
    }

    /// <summary>Sets each generator's state from <paramref name="states"/>, which holds one for each (see <see cref="AddProblems"/>).</summary>
    public void Restore(IReadOnlyDictionary<string, Tensor> states)
    {
        foreach (var (name, generator) in generators)
        {
            generator.set_state(states[name]);
        }
    }

    /// <summary>Adds to <paramref name="problems"/> every generator <paramref name="states"/> lacks and every state it holds of a generator not tracked.</summary>
    public void AddProblems(IReadOnlyDictionary<string, Tensor> states, List<string> problems)
    {
        foreach (var (name, _) in generators)
        {
            if (!states.ContainsKey(name))
            {
                problems.Add($"The checkpoint has no state for the generator '{name}'; it was taken from a run without that generator.");
            }
        }

        foreach (var name in states.Keys)
        {
            if (!generators.Any(g => g.Name == name))
            {
                problems.Add($"The checkpoint holds the state of a generator '{name}' that this trainer does not track; track it with TrackGenerator or give the model the same random layers.");
            }
        }
    }

    /// <summary>Releases the handle on the global generator, if it is tracked.</summary>
    public void Dispose() => globalGenerator?.Dispose();

    private static bool IsRandomLayer(nn.Module module) =>
        module is Dropout or Dropout1d or Dropout2d or Dropout3d or AlphaDropout or FeatureAlphaDropout;
}
