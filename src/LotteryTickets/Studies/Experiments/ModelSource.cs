using System.Text.Json.Nodes;
using LotteryTickets.Datasets;
using LotteryTickets.Models;
using TorchSharp;
using LotteryTickets.Storage;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>
/// The experiment's model: a zoo model by name (built for the data's sample shape and classes) or a named factory.
/// Every model is built by <see cref="Resolve"/>'s factory, which first seeds TorchSharp's global generator
/// (<c>torch.manual_seed</c>) with the initial seed of the generator it is given, so that a module that draws from the
/// global generator in its constructor is as deterministic as one that draws from the given generator.
/// </summary>
internal sealed class ModelSource
{
    private readonly Func<Generator, nn.Module<Tensor, Tensor>>? factory;
    private readonly double widthMultiplier;
    private readonly ModelFactory? registered;
    private readonly IReadOnlyDictionary<string, object?> options;

    private ModelSource(string name, Func<Generator, nn.Module<Tensor, Tensor>>? factory, double widthMultiplier, ModelFactory? registered = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        Name = name;
        this.factory = factory;
        this.widthMultiplier = widthMultiplier;
        this.registered = registered;
        this.options = options ?? new Dictionary<string, object?>();
    }

    public string Name { get; }

    public static ModelSource Zoo(string name, double widthMultiplier) => new(name, null, widthMultiplier);

    public static ModelSource Custom(string name, Func<Generator, nn.Module<Tensor, Tensor>> factory) => new(name, factory, 1.0);

    /// <summary>A model of <see cref="ComponentRegistry.Models"/>, described by its registered name and non-default options.</summary>
    public static ModelSource Registered(string name, IReadOnlyDictionary<string, object?> options, ModelFactory factory) => new(name, null, 1.0, factory, options);

    public IEnumerable<string> Validate()
    {
        if (registered is not null)
        {
            yield break;
        }

        if (factory is null)
        {
            if (!ModelZoo.Contains(Name))
            {
                yield return $"The model '{Name}' is not in the zoo; the zoo has {string.Join(", ", ModelZoo.Names.Select(n => $"'{n}'"))}. Check the spelling, or pass your own factory with WithModel(name, factory).";
            }

            if (!double.IsFinite(widthMultiplier) || widthMultiplier <= 0)
            {
                yield return $"The width multiplier of the model '{Name}' is {widthMultiplier}; it must be a finite number greater than 0 (1 for the paper's widths).";
            }
        }
        else if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "The model factory has no name; name it in WithModel(name, factory), since the name identifies the model in the experiment's hash.";
        }
    }

    public Func<Generator, nn.Module<Tensor, Tensor>> Resolve(ImageDataset train)
    {
        var build = factory
            ?? (registered is { } r ? g => r(train.SampleShape, train.ClassCount, g) : ModelZoo.Factory(Name, train.SampleShape, train.ClassCount, widthMultiplier));
        var name = Name;
        return generator =>
        {
            ArgumentNullException.ThrowIfNull(generator);
            torch.manual_seed(generator.initial_seed());
            return build(generator) ?? throw new InvalidOperationException(
                $"The model factory '{name}' returned null; it must return a new model.");
        };
    }

    public JsonObject Describe()
    {
        if (factory is not null || registered is not null)
        {
            var described = PlanDescription.Parameters(options);
            described["name"] = Name;
            return described;
        }

        var result = new JsonObject { ["zoo"] = Name.ToLowerInvariant() };
        if (widthMultiplier != 1.0)
        {
            result["widthMultiplier"] = widthMultiplier;
        }

        return result;
    }
}
