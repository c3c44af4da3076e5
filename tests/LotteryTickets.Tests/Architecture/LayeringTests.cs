using LotteryTickets.Experiments;

namespace LotteryTickets.Tests.Architecture;

/// <summary>
/// The core's folders are its layers (docs/ARCHITECTURE.md): Foundations ← Learning ← Sparsity ← Reporting ← Studies.
/// A namespace may use its own layer and those below it, and no two areas use each other, directly or around a loop.
/// </summary>
public sealed class LayeringTests
{
    private static string CoreFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LotteryTickets.sln")))
                return Path.Combine(folder.FullName, "src", "LotteryTickets");
        }
        throw new DirectoryNotFoundException(
            $"No 'LotteryTickets.sln' above '{AppContext.BaseDirectory}'; run the tests from the repository's build output.");
    }

    [Test]
    public void NoNamespaceUsesAHigherLayerAndNoAreasFormACycle()
    {
        var layers = Layers.FromSources(CoreFolder());
        var edges = NamespaceDependencies.Of(typeof(LotteryExperiment).Assembly)
            .ToDictionary(e => e.Key, e => (IReadOnlyCollection<string>)e.Value, StringComparer.Ordinal);
        foreach (var (from, targets) in edges)
            TestContext.Out.WriteLine($"{from} [{layers.LayerOfArea[Layers.AreaOf(from)]}] -> {string.Join(", ", targets)}");
        Assert.That(layers.Violations(edges), Is.Empty);
    }

    [Test]
    public void EveryAreaOfTheCoreIsInALayerFolder()
    {
        var layers = Layers.FromSources(CoreFolder());
        var areas = typeof(LotteryExperiment).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith("LotteryTickets.", StringComparison.Ordinal))
            .Select(ns => Layers.AreaOf(ns!))
            .Distinct();
        Assert.That(areas, Is.SubsetOf(layers.LayerOfArea.Keys));
    }

    [Test]
    public void TheDependenciesAreReadFromTheCompiledCode()
    {
        var edges = NamespaceDependencies.Of(typeof(LotteryExperiment).Assembly);
        // A method body's call (Experiments → Storage) and a base interface (Initialization → Tickets).
        Assert.That(edges["LotteryTickets.Experiments"], Does.Contain("LotteryTickets.Storage"));
        Assert.That(edges["LotteryTickets.Initialization"], Does.Contain("LotteryTickets.Tickets"));
    }

    [Test]
    public void AnUpwardUseAndACycleAreReported()
    {
        var layers = Layers.Of(new Dictionary<string, string>
        {
            ["LotteryTickets.Masks"] = "Foundations",
            ["LotteryTickets.Pruning"] = "Sparsity",
            ["LotteryTickets.Criteria"] = "Sparsity",
        });
        var violations = layers.Violations(new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["LotteryTickets.Masks"] = ["LotteryTickets.Pruning"],
            ["LotteryTickets.Pruning"] = ["LotteryTickets.Criteria", "LotteryTickets.Masks"],
            ["LotteryTickets.Pruning.Curves"] = ["LotteryTickets.Pruning"],
            ["LotteryTickets.Criteria"] = ["LotteryTickets.Pruning"],
        });
        Assert.That(violations, Does.Contain("'LotteryTickets.Masks' (Foundations) uses 'LotteryTickets.Pruning' (Sparsity), a higher layer."));
        var cycles = violations.Where(v => v.StartsWith("Areas use each other in a cycle", StringComparison.Ordinal)).ToList();
        // Masks ⇄ Pruning and Pruning ⇄ Criteria; Pruning.Curves ⇄ Pruning is one area and no cycle.
        Assert.That(cycles, Has.Count.EqualTo(2));
        Assert.That(cycles, Has.Some.Contains("LotteryTickets.Masks -> LotteryTickets.Pruning"));
        Assert.That(cycles, Has.Some.Contains("LotteryTickets.Criteria"));
        Assert.That(cycles, Has.None.Contains("Curves"));
    }
}
