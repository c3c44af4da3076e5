using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LotteryTickets.Datasets;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Training;
using TorchSharp;
using LotteryTickets.Components;
using EngineInfo = LotteryTickets.Native.Engine;

namespace LotteryTickets.Experiments;

/// <summary>
/// The complete configuration of a plan, written beside <c>plan.json</c> as <see cref="ConfigurationRecord.FileName"/>:
/// every option with its value, defaults included — the training options (the device as text), every property of the
/// schedule, the criterion, the rewind policy and the branches' transforms by name, type and parameters, the model, and
/// the data read (with the fingerprint of what was read) — and the seed, trials, checkpoint interval, the plan's name
/// and hash, and the versions of the library and the engine.
/// </summary>
/// <remarks>
/// The text is indented JSON with every object's keys sorted (ordinal), numbers in the invariant culture, <c>\n</c>
/// line ends and a final line end, and holds nothing that differs between the processes running one plan (no times,
/// hosts, paths, shard or lock settings), so the same plan with the same versions gives the same bytes everywhere.
/// The plan's hash is not computed from it: <c>plan.json</c> (the non-default options) stays what names the folder.
/// </remarks>
internal static class PlanConfiguration
{
    /// <summary>The value of the record's <c>schema</c> key.</summary>
    public const string Schema = "lottery-tickets.configuration/1";

    /// <summary>The library's version: the informational version of the LotteryTickets assembly.</summary>
    public static string LibraryVersion { get; } = ReadLibraryVersion();

    /// <summary>The configuration of <paramref name="plan"/> as it runs on <paramref name="resolved"/>.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="resolved">The data the plan resolved (<c>plan.Data.Resolve()</c>).</param>
    /// <param name="trials">The trials to record, when the folder holds more than the plan runs (trials are not hashed); the plan's by default.</param>
    /// <returns>The JSON text, ending with a line end.</returns>
    public static string Create(ExperimentPlan plan, DatasetSplits resolved, int? trials = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(resolved);
        var root = new JsonObject
        {
            ["schema"] = Schema,
            ["name"] = plan.Name,
            ["hash"] = plan.Hash,
            ["seed"] = plan.Seed,
            ["trials"] = Math.Max(trials ?? plan.Trials, plan.Trials),
            ["checkpointInterval"] = plan.CheckpointInterval.ToString(),
            ["library"] = new JsonObject { ["name"] = "LotteryTickets", ["version"] = LibraryVersion },
            ["engine"] = new JsonObject { ["torchSharp"] = EngineInfo.TorchSharpVersion, ["libTorch"] = EngineInfo.LibTorchVersion },
            ["model"] = Model(plan.Model),
            ["data"] = plan.Data.DescribeResolved(resolved),
            ["training"] = Training(plan),
            ["schedule"] = Schedule(plan.Schedule),
            ["criterion"] = Component(plan.Criterion.Name, plan.Criterion),
            ["rewind"] = Rewind(plan.Rewind),
            ["branches"] = new JsonArray(plan.Branches.Select(b => (JsonNode)new JsonObject
            {
                ["name"] = b.Name,
                ["transforms"] = new JsonArray(b.Transforms.Select(t => (JsonNode)Component(t.Name, t)).ToArray()),
            }).ToArray()),
        };
        return Indented(root);
    }

    /// <summary>Every public property of <paramref name="instance"/> by camel-case name, defaults included.</summary>
    /// <param name="instance">The options object.</param>
    /// <param name="excluded">Property names to leave out.</param>
    /// <returns>The properties.</returns>
    internal static JsonObject AllProperties(object instance, params string[] excluded)
    {
        var result = new JsonObject();
        foreach (var property in PlanDescription.ReadableProperties(instance, excluded))
        {
            result[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Value(property.GetValue(instance));
        }

        return result;
    }

    /// <summary>Indented JSON with sorted keys, <c>\n</c> line ends and a final line end; only the characters JSON requires are escaped.</summary>
    internal static string Indented(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            PlanDescription.WriteSorted(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static JsonObject Model(ModelSource model)
    {
        var described = model.Describe();
        if (!described.ContainsKey("zoo"))
        {
            return new JsonObject { ["source"] = "factory", ["name"] = model.Name };
        }

        return new JsonObject
        {
            ["source"] = "zoo",
            ["name"] = described["zoo"]!.GetValue<string>(),
            ["widthMultiplier"] = described["widthMultiplier"]?.DeepClone() ?? 1.0,
        };
    }

    private static JsonObject Training(ExperimentPlan plan)
    {
        var training = AllProperties(plan.Training, nameof(TrainingOptions.Device));
        training["device"] = plan.Device.ToString();
        return training;
    }

    private static JsonObject Schedule(IPruneSchedule schedule)
    {
        var type = schedule switch
        {
            IterativeRates => "iterative",
            OneShot => "one_shot",
            GradualSchedule => "gradual",
            _ => schedule.GetType().FullName!,
        };
        var result = AllProperties(schedule);
        result["type"] = type;
        if (schedule is IDescribable describable)
        {
            result["parameters"] = PlanDescription.Parameters(describable.DescribeParameters());
        }

        return result;
    }

    private static JsonObject Rewind(IRewindPolicy rewind)
    {
        var result = Component(rewind.Name, rewind);
        result["capturePoint"] = rewind.CapturePoint?.ToString();
        return result;
    }

    /// <summary>A component as <c>{"name", "type", "parameters"}</c> (parameters empty unless it is <see cref="IDescribable"/>).</summary>
    private static JsonObject Component(string name, object component) => new()
    {
        ["name"] = name,
        ["type"] = component.GetType().FullName,
        ["parameters"] = component is IDescribable d ? PlanDescription.Parameters(d.DescribeParameters()) : new JsonObject(),
    };

    /// <summary>
    /// The JSON value of a property: as in the plan's description, with a device, a sparsity curve and any value JSON
    /// cannot represent written as text.
    /// </summary>
    private static JsonNode? Value(object? value)
    {
        switch (value)
        {
            case torch.Device device:
                return JsonValue.Create(device.ToString());
            case SparsityCurve curve:
                return JsonValue.Create(curve.ToString());
            case Delegate:
                return JsonValue.Create(value.GetType().FullName);
        }

        try
        {
            return PlanDescription.ToNode(value);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    private static string ReadLibraryVersion()
    {
        var assembly = typeof(ExperimentPlan).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return string.IsNullOrEmpty(informational) ? assembly.GetName().Version?.ToString(3) ?? "unknown" : informational;
    }
}
