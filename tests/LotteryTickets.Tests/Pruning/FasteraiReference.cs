using System.Text.Json;
using System.Text.Json.Nodes;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Support;

namespace LotteryTickets.Tests.Pruning;

/// <summary>fasterai's schedules simulated by Python/fasterai_schedules.py, and the matching <see cref="GradualSchedule"/>s.</summary>
internal static class FasteraiReference
{
    public static (double[] Sparsity, bool[] Pruned) Simulate(string name, double sparsity, double start, double end, int total)
    {
        var request = new JsonArray(new JsonObject
        {
            ["name"] = name,
            ["sparsity"] = sparsity,
            ["start_pct"] = start,
            ["end_pct"] = end,
            ["total"] = total,
        });
        var answer = JsonNode.Parse(Python.Run("fasterai_schedules.py", request.ToJsonString()))!.AsArray()[0]!;
        return (answer["sparsity"].Deserialize<double[]>()!, answer["pruned"].Deserialize<bool[]>()!);
    }

    public static GradualSchedule Schedule(string name, double sparsity, Action<GradualScheduleOptions> configure) => name switch
    {
        "one_shot" => GradualSchedules.OneShot(sparsity, configure),
        "iterative" => GradualSchedules.Iterative(sparsity, configure: configure),
        "agp" => GradualSchedules.Agp(sparsity, configure),
        "one_cycle" => GradualSchedules.OneCycle(sparsity, configure),
        "lin" => GradualSchedules.Linear(sparsity, configure),
        "cos" => GradualSchedules.Cosine(sparsity, configure),
        "dsd" => GradualSchedules.Dsd(sparsity, configure),
        _ => throw new ArgumentException($"Unknown fasterai schedule '{name}'.", nameof(name)),
    };
}
