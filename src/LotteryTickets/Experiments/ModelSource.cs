using System.Text.Json.Nodes;
using LotteryTickets.Datasets;
using LotteryTickets.Models;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Experiments;

/// <summary>The experiment's model: a zoo model by name (built for the data's sample shape and classes) or a named factory.</summary>
internal sealed class ModelSource
{
    private readonly Func<Generator, Module>? factory;
    private readonly double widthMultiplier;

    private ModelSource(string name, Func<Generator, Module>? factory, double widthMultiplier)
    {
        Name = name;
        this.factory = factory;
        this.widthMultiplier = widthMultiplier;
    }

    public string Name { get; }

    public static ModelSource Zoo(string name, double widthMultiplier) => new(name, null, widthMultiplier);

    public static ModelSource Custom(string name, Func<Generator, Module> factory) => new(name, factory, 1.0);

    public IEnumerable<string> Validate()
    {
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

    public Func<Generator, Module> Resolve(ImageDataset train) =>
        factory ?? ModelZoo.Factory(Name, train.SampleShape, train.ClassCount, widthMultiplier);

    public JsonObject Describe()
    {
        if (factory is not null)
        {
            return new JsonObject { ["name"] = Name };
        }

        var result = new JsonObject { ["zoo"] = Name.ToLowerInvariant() };
        if (widthMultiplier != 1.0)
        {
            result["widthMultiplier"] = widthMultiplier;
        }

        return result;
    }
}
