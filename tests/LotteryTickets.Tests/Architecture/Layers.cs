using System.Text.RegularExpressions;

namespace LotteryTickets.Tests.Architecture;

/// <summary>
/// The core's layers as its folders say: <c>src/LotteryTickets/&lt;Layer&gt;/&lt;Area&gt;/…</c>, bottom first in
/// <see cref="Order"/>. An area is a top-level namespace of the core (<c>LotteryTickets.Pruning</c>, its
/// sub-namespaces included); each area lives in exactly one layer.
/// </summary>
internal sealed partial class Layers
{
    /// <summary>The layers, bottom first: a layer may use its own layer and those before it.</summary>
    public static readonly string[] Order = ["Foundations", "Learning", "Sparsity", "Reporting", "Studies"];

    private Layers(IReadOnlyDictionary<string, string> layerOfArea) => LayerOfArea = layerOfArea;

    /// <summary>Area → layer.</summary>
    public IReadOnlyDictionary<string, string> LayerOfArea { get; }

    /// <summary>The area of a namespace: its first two segments.</summary>
    public static string AreaOf(string ns) => string.Join('.', ns.Split('.').Take(2));

    /// <summary>Reads the layers from the core's source folders; an area found in two layers is an error.</summary>
    public static Layers FromSources(string coreFolder)
    {
        var layerOfArea = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(coreFolder, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(coreFolder, file).Split(Path.DirectorySeparatorChar);
            if (relative[0] is "bin" or "obj" or "build") continue;
            var ns = NamespaceRegex().Match(File.ReadAllText(file));
            if (relative.Length < 3 || !Order.Contains(relative[0]))
            {
                problems.Add($"'{Path.GetRelativePath(coreFolder, file)}' is not inside a layer folder ({string.Join(", ", Order)}).");
                continue;
            }
            if (!ns.Success)
            {
                problems.Add($"'{Path.GetRelativePath(coreFolder, file)}' declares no namespace.");
                continue;
            }
            var area = AreaOf(ns.Groups[1].Value);
            if (layerOfArea.TryGetValue(area, out var layer) && layer != relative[0])
                problems.Add($"'{area}' is in two layers: '{layer}' and '{relative[0]}' ('{Path.GetRelativePath(coreFolder, file)}').");
            else
                layerOfArea[area] = relative[0];
        }
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        return new Layers(layerOfArea);
    }

    /// <summary>Builds layers from an explicit map (for checking the checker).</summary>
    public static Layers Of(IReadOnlyDictionary<string, string> layerOfArea) => new(layerOfArea);

    /// <summary>Every use of a higher layer, and every cycle between areas, as sentences.</summary>
    public IReadOnlyList<string> Violations(IReadOnlyDictionary<string, IReadOnlyCollection<string>> namespaceEdges)
    {
        var violations = new List<string>();
        var areaEdges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (from, targets) in namespaceEdges)
        {
            foreach (var to in targets)
            {
                var (fromArea, toArea) = (AreaOf(from), AreaOf(to));
                if (fromArea == toArea) continue;
                if (!LayerOfArea.TryGetValue(fromArea, out var fromLayer) || !LayerOfArea.TryGetValue(toArea, out var toLayer))
                {
                    violations.Add($"'{from}' or '{to}' is in no layer.");
                    continue;
                }
                if (Array.IndexOf(Order, toLayer) > Array.IndexOf(Order, fromLayer))
                    violations.Add($"'{from}' ({fromLayer}) uses '{to}' ({toLayer}), a higher layer.");
                if (!areaEdges.TryGetValue(fromArea, out var set)) areaEdges[fromArea] = set = new(StringComparer.Ordinal);
                set.Add(toArea);
            }
        }
        violations.AddRange(Cycles(areaEdges).Select(c => $"Areas use each other in a cycle: {string.Join(" -> ", c)}."));
        return violations;
    }

    private static IEnumerable<IReadOnlyList<string>> Cycles(SortedDictionary<string, SortedSet<string>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var cycles = new List<IReadOnlyList<string>>();
        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                    cycles.Add([.. path.Skip(path.IndexOf(next)), next]);
                else if (state.GetValueOrDefault(next) == 0)
                    Visit(next);
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }
        foreach (var node in edges.Keys)
            if (state.GetValueOrDefault(node) == 0) Visit(node);
        return cycles;
    }

    [GeneratedRegex(@"^namespace ([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceRegex();
}
