using System.Text.Json.Nodes;
using LotteryTickets.Components;
using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Training;

namespace LotteryTickets.Experiments;

/// <summary>The canonical description of a plan's settings, from which its hash is computed.</summary>
internal static class PlanDescriber
{
    /// <summary>The non-default options of the plan <paramref name="settings"/> describe, as JSON (made canonical by <see cref="PlanDescription.Canonical"/>).</summary>
    /// <param name="settings">Settings that passed <see cref="ExperimentValidation.Validate"/>.</param>
    /// <returns>The description.</returns>
    public static JsonObject Describe(ExperimentSettings settings)
    {
        var result = new JsonObject
        {
            ["model"] = settings.Model!.Describe(),
            ["data"] = settings.Data!.Describe(),
        };
        var trainingNode = PlanDescription.NonDefaultProperties(settings.Training, new TrainingOptions(), nameof(TrainingOptions.Device), nameof(TrainingOptions.PreloadData));
        if (trainingNode.Count > 0)
        {
            result["training"] = trainingNode;
        }

        if (!ReferenceEquals(settings.Criterion, MaskCriteria.LargeFinal))
        {
            result["criterion"] = DescribeComponent(settings.Parts.Criteria.IdentityOf(settings.Criterion), settings.Criterion.Name, settings.Criterion);
        }

        var scheduleNode = DescribeSchedule(settings);
        if (scheduleNode is not null)
        {
            result["schedule"] = scheduleNode;
        }

        var rewindIdentity = settings.Parts.RewindPolicies.IdentityOf(settings.Rewind);
        if (settings.Rewind.Name != RewindToInitialization.PolicyName || settings.Rewind is IDescribable || rewindIdentity is { BuiltIn: false })
        {
            result["rewind"] = DescribeComponent(rewindIdentity, settings.Rewind.Name, settings.Rewind);
        }

        if (settings.Branches.Count > 0)
        {
            result["branches"] = new JsonArray(settings.Branches.Select(b => (JsonNode)new JsonObject
            {
                ["name"] = b.Name,
                ["transforms"] = new JsonArray(b.Transforms.Select(t => (JsonNode)DescribeComponent(settings.Parts.Transforms.IdentityOf(t), t.Name, t)).ToArray()),
            }).ToArray());
        }

        if (settings.Seed != 0)
        {
            result["seed"] = settings.Seed;
        }

        return result;
    }

    /// <summary>
    /// A component by the registered name and non-default options it was made with (its own parameters added when it
    /// is <see cref="IDescribable"/>); a built-in, or one not made by the registry, as before the registry: its own name
    /// and parameters, so existing experiments keep their hashes.
    /// </summary>
    private static JsonObject DescribeComponent(ComponentIdentity? identity, string ownName, object component)
    {
        if (identity is null or { BuiltIn: true })
        {
            return PlanDescription.Component(ownName, component);
        }

        var node = PlanDescription.Component(identity.Name, component);
        foreach (var (key, value) in identity.Options)
        {
            node[key] = PlanDescription.ToNode(value);
        }

        return node;
    }

    private static JsonObject? DescribeSchedule(ExperimentSettings settings)
    {
        if (settings.Parts.Schedules.IdentityOf(settings.Schedule) is { BuiltIn: false } identity)
        {
            var registered = DescribeComponent(identity, identity.Name, settings.Schedule);
            registered.Remove("name");
            registered["type"] = identity.Name;
            return registered;
        }

        var (type, node) = settings.Schedule switch
        {
            IterativeRates r => ("iterative", PlanDescription.NonDefaultProperties(r, new IterativeRates())),
            OneShot o => ("one_shot", PlanDescription.NonDefaultProperties(o, new OneShot())),
            GradualSchedule g => ("gradual", DescribeGradual(g)),
            IDescribable d => (settings.Schedule.GetType().FullName!, PlanDescription.Parameters(d.DescribeParameters())),
            _ => (settings.Schedule.GetType().FullName!, []),
        };
        if (type == "iterative" && node.Count == 0)
        {
            return null;
        }

        node["type"] = type;
        return node;
    }

    private static JsonObject DescribeGradual(GradualSchedule gradual)
    {
        var defaults = new GradualSchedule();
        var node = PlanDescription.NonDefaultProperties(gradual, defaults, nameof(GradualSchedule.Curve));
        var curve = gradual.Curve.ToString();
        if (curve != defaults.Curve.ToString())
        {
            node["curve"] = curve;
        }

        return node;
    }
}
