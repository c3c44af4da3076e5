using System.Globalization;
using System.Text.Json.Nodes;
using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Tickets;
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
            result["criterion"] = PlanDescription.Component(criterion.Name, criterion);
        }

        var scheduleNode = DescribeSchedule();
        if (scheduleNode is not null)
        {
            result["schedule"] = scheduleNode;
        }

        if (rewind.Name != RewindToInitialization.PolicyName || rewind is IDescribable)
        {
            result["rewind"] = PlanDescription.Component(rewind.Name, rewind);
        }

        if (branches.Count > 0)
        {
            result["branches"] = new JsonArray(branches.Select(b => (JsonNode)new JsonObject
            {
                ["name"] = b.Name,
                ["transforms"] = new JsonArray(b.Transforms.Select(t => (JsonNode)PlanDescription.Component(t.Name, t)).ToArray()),
            }).ToArray());
        }

        if (seed != 0)
        {
            result["seed"] = seed;
        }

        return result;
    }

    private JsonObject? DescribeSchedule()
    {
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
