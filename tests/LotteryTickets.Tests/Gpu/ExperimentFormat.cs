using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LotteryTickets.Experiments;
using LotteryTickets.Tests.Experiments;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>
/// A short IMP experiment with transform branches, run on a chosen device, and a description of what it saved
/// that leaves out the values but keeps the format: every file's path; for safetensors, each tensor's name, dtype and
/// shape (and for masks the number of kept weights per layer); for JSON, the property names and value kinds; for
/// CSV, the header and the number of rows.
/// </summary>
internal static class ExperimentFormat
{
    /// <summary>The branches besides the main line: a transform chain and a pruning-at-initialization control.</summary>
    public static readonly string[] Branches = ["signed_frozen", "snip"];

    /// <summary>One level of the tiny IMP (<see cref="TinyExperiment"/>) with a <c>signed_constant</c> + <c>freeze_init</c> branch and a <c>snip</c> control, on <paramref name="device"/>.</summary>
    public static ExperimentResult Run(string store, Device device) => TinyExperiment.Builder(store, levels: 1)
        .WithBranch("signed_frozen", "signed_constant", "freeze_init")
        .WithControl("snip")
        .OnDevice(device)
        .Build()
        .Run();

    /// <summary>
    /// The description of every file under <paramref name="store"/>, by relative path. SNIP chooses its mask with
    /// one global threshold over scores that differ between devices in their last bits, so its masks are described
    /// by their total kept count only; every other mask by its per-layer counts.
    /// </summary>
    public static SortedDictionary<string, string> Describe(string store)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(store, file).Replace('\\', '/');
            files[path] = Path.GetExtension(file) switch
            {
                ".safetensors" => DescribeTensors(file, IsMask(path), perLayer: !path.Split('/').Contains("snip")),
                ".json" => DescribeJson(JsonNode.Parse(File.ReadAllText(file))),
                ".csv" => DescribeCsv(file),
                _ => "file",
            };
        }

        return files;
    }

    private static bool IsMask(string path) => Path.GetFileName(path).Contains("mask", StringComparison.Ordinal);

    private static string DescribeTensors(string file, bool mask, bool perLayer)
    {
        using var scope = torch.NewDisposeScope();
        var text = new StringBuilder();
        long kept = 0;
        foreach (var (name, tensor) in SafeTensors.Load(file).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} {tensor.dtype} [{string.Join(",", tensor.shape)}]");
            if (mask)
            {
                var count = (long)tensor.sum().ToDouble();
                kept += count;
                if (perLayer)
                {
                    text.Append(CultureInfo.InvariantCulture, $" kept={count}");
                }
            }

            text.Append('\n');
        }

        if (mask)
        {
            text.Append(CultureInfo.InvariantCulture, $"kept={kept}\n");
        }

        foreach (var (key, _) in SafeTensors.ReadMetadata(file).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"metadata {key}\n");
        }

        return text.ToString();
    }

    private static string DescribeJson(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.Select(p => $"{p.Key}:{DescribeJson(p.Value)}")) + "}",
        JsonArray a => $"[{a.Count}:" + string.Join(",", a.Select(DescribeJson).Distinct()) + "]",
        JsonValue v => v.GetValueKind().ToString(),
        _ => node.GetType().Name,
    };

    private static string DescribeCsv(string file)
    {
        var lines = File.ReadAllLines(file);
        return lines.Length == 0 ? "empty" : $"{lines[0]} ({lines.Length - 1} rows)";
    }
}
