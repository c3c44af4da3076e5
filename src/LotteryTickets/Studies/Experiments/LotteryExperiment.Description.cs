using System.Globalization;
using System.Text.Json.Nodes;
using LotteryTickets.Components;
using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <content>The canonical description of the plan, from which its hash is computed.</content>
public sealed partial class LotteryExperiment
{
    private JsonObject Describe()
    {
        var result = new JsonObject
        {
            ["model"] = model!.Describe(),
            ["data"] = data!.Describe(),
        };
        var trainingNode = PlanDescription.NonDefaultProperties(training, new TrainingOptions(), nameof(TrainingOptions.Device), nameof(TrainingOptions.PreloadData));
        if (trainingNode.Count > 0)
        {
            result["training"] = trainingNode;
        }

        if (!ReferenceEquals(criterion, MaskCriteria.LargeFinal))
        {
            result["criterion"] = DescribeComponent(parts.Criteria.IdentityOf(criterion), criterion.Name, criterion);
        }

        var scheduleNode = DescribeSchedule();
        if (scheduleNode is not null)
        {
            result["schedule"] = scheduleNode;
        }

        var rewindIdentity = parts.RewindPolicies.IdentityOf(rewind);
        if (rewind.Name != RewindToInitialization.PolicyName || rewind is IDescribable || rewindIdentity is { BuiltIn: false })
        {
            result["rewind"] = DescribeComponent(rewindIdentity, rewind.Name, rewind);
        }

        if (branches.Count > 0)
        {
            result["branches"] = new JsonArray(branches.Select(b => (JsonNode)new JsonObject
            {
                ["name"] = b.Name,
                ["transforms"] = new JsonArray(b.Transforms.Select(t => (JsonNode)DescribeComponent(parts.Transforms.IdentityOf(t), t.Name, t)).ToArray()),
            }).ToArray());
        }

        if (seed != 0)
        {
            result["seed"] = seed;
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

    private JsonObject? DescribeSchedule()
    {
        if (parts.Schedules.IdentityOf(schedule) is { BuiltIn: false } identity)
        {
            var registered = DescribeComponent(identity, identity.Name, schedule);
            registered.Remove("name");
            registered["type"] = identity.Name;
            return registered;
        }

        var (type, node) = schedule switch
        {
            IterativeRates r => ("iterative", PlanDescription.NonDefaultProperties(r, new IterativeRates())),
            OneShot o => ("one_shot", PlanDescription.NonDefaultProperties(o, new OneShot())),
            GradualSchedule g => ("gradual", DescribeGradual(g)),
            IDescribable d => (schedule.GetType().FullName!, PlanDescription.Parameters(d.DescribeParameters())),
            _ => (schedule.GetType().FullName!, []),
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
