using LotteryTickets.Analysis.Instability;
using LotteryTickets.Experiments;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Analysis.Instability;

/// <summary>The masks of an analysis per rewind point: the IMP chain rewound to k, a plan of its own in the store.</summary>
public class InstabilityMasksTests
{
    /// <summary>Tiny IMP (two levels, rewinding to init) with a random-pruning control, analysed at level 2 at 0it and 10it with the default masks.</summary>
    private static LotteryExperiment Builder(string store) => TinyExperiment.Builder(store, levels: 2)
        .WithControl("random_pruning")
        .WithInstabilityAnalysis(o =>
        {
            o.RewindPoints = ["0it", "10it"];
            o.Points = 3;
            o.Levels = [2];
            o.Branches = ["main", "random_pruning"];
        });

    [Test]
    public void AtEachRewindPointTheCopiesTrainUnderTheTicketOfImpRewoundToThatPoint()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path).Build();

        var result = plan.Run();

        // The chain rewound to 10it is the plan built with that rewind policy: same hash, found and reused in the store.
        var chain = TinyExperiment.Builder(folder.Path, levels: 2).WithControl("random_pruning").WithRewind("iteration:10").Build();
        Assert.That(File.ReadAllText(Path.Combine(chain.Folder, "plan.json")).TrimEnd(), Is.EqualTo(chain.Description));
        Assert.That(Directory.Exists(chain.Layout.Run(0, 2).Folder), Is.True);
        var hash = plan.Instability!.EvaluationHash;
        var expected = new[] { ("main", "0it", plan.Layout), ("main", "10it", chain.Layout), ("random_pruning", "0it", plan.Layout), ("random_pruning", "10it", chain.Layout) };
        Assert.That(result.Instability.Select(r => (r.Branch, r.Rewind, r.MaskRewind)), Is.EqualTo(expected.Select(e => (e.Item1, e.Item2, (string?)e.Item2))));
        foreach (var (branch, rewind, layout) in expected)
        {
            var paths = new InstabilityPaths(plan.Layout, 0, 2, branch, rewind, hash, paired: true);
            Assert.That(Path.GetFileName(paths.Folder), Is.EqualTo($"{branch}-{rewind}-paired"));
            var mask = TinyExperiment.Load(layout.Run(0, 2, branch).MaskFile);
            foreach (var copy in new[] { paths.CopyA, paths.CopyB })
            {
                var final = TinyExperiment.Load(Path.Combine(copy, InstabilityTraining.FinalFileName));
                foreach (var (name, values) in mask)
                {
                    // Exactly the mask's pruned weights are zero (a weight kept by the mask is never exactly zero here).
                    Assert.That(final[name].Select(w => w == 0), Is.EqualTo(values.Select(v => v == 0)), $"{copy} {name}");
                }
            }
        }

        var planMask = TinyExperiment.Load(plan.Layout.Run(0, 2).MaskFile);
        var chainMask = TinyExperiment.Load(chain.Layout.Run(0, 2).MaskFile);
        Assert.That(chainMask.Keys.Any(k => !chainMask[k].SequenceEqual(planMask[k])), Is.True, "IMP rewound to 10it finds another level-2 mask");
        Assert.That(Directory.Exists(Path.Combine(plan.Layout.TrialFolder(0), InstabilityPaths.RewindStatesFolderName)), Is.False, "the chain's own rewind point is the state at k");
    }

    [Test]
    public void TheTicketsAndTheirControlsShareTheDataOrdersOfALevelAndRewindPoint()
    {
        using var folder = new TemporaryFolder();
        var branches = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var plan = Builder(folder.Path).WithProgress(new Recorder(p => branches[p.Branch] = true)).Build();
        plan.Run();

        // The chain's runs report under their own name ('/': shown, not counted as the plan's runs).
        Assert.That(branches.Keys, Does.Contain("imp rewound to iteration:10/main").And.Contain("imp rewound to iteration:10/random_pruning"));
        Assert.That(branches.Keys.Where(b => b.StartsWith("imp rewound to init", StringComparison.Ordinal)), Is.Empty, "the plan rewinds to init itself");
        var hash = plan.Instability!.EvaluationHash;
        InstabilityRecord Record(string branch, string rewind) => InstabilityRecordJson.Read(new InstabilityPaths(plan.Layout, 0, 2, branch, rewind, hash, paired: true).AnalysisFile);
        foreach (var rewind in new[] { "0it", "10it" })
        {
            var main = Record("main", rewind);
            var control = Record("random_pruning", rewind);
            Assert.That((control.CopyASeed, control.CopyBSeed), Is.EqualTo((main.CopyASeed, main.CopyBSeed)));
            Assert.That(main.CopyASeed, Is.Not.EqualTo(main.CopyBSeed));
            Assert.That(main.PairedSeeds && main.MaskRewind == rewind, Is.True);
        }

        Assert.That(Record("main", "10it").CopyASeed, Is.Not.EqualTo(Record("main", "0it").CopyASeed));
    }

    [Test]
    public void RunningTheChainsPlanAfterwardsReusesItsRuns()
    {
        using var folder = new TemporaryFolder();
        Builder(folder.Path).Build().Run();
        var chain = TinyExperiment.Builder(folder.Path, levels: 2).WithControl("random_pruning").WithRewind("iteration:10").Build();
        var trained = TinyExperiment.Files(chain.Layout.Run(0, 2).Folder);

        chain.Run();

        Assert.That(TinyExperiment.Files(chain.Layout.Run(0, 2).Folder), Is.EqualTo(trained));
    }

    [Test]
    public void UnderThePlansMasksEveryRowIsLabelledWithTheMasksRewindPoint()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1)
            .WithInstabilityAnalysis(o => { o.RewindPoints = ["0it", "10it"]; o.Levels = [1]; o.Points = 3; o.Masks = InstabilityMasks.Plan; })
            .Build();

        var result = plan.Run();

        Assert.That(result.Instability.Select(r => (r.Rewind, r.MaskRewind)), Is.EqualTo(new[] { ("0it", (string?)"0it"), ("10it", "0it") }));
        Assert.That(Directory.GetDirectories(folder.Path), Has.Length.EqualTo(1), "no chain is trained");
        var markdown = File.ReadAllLines(Path.Combine(plan.Folder, "instability.md"));
        Assert.That(markdown[0], Does.Contain("| masks from rewind |"));
        Assert.That(markdown[3], Does.Contain("| 10it   | 0it               |"));
        Assert.That(ExperimentResult.Load(plan.Folder).Instability.Select(r => r.MaskRewind), Is.EqualTo(new[] { "0it", "0it" }), "read from plan.json without the plan");
    }

    private sealed class Recorder(Action<ExperimentProgress> record) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => record(value);
    }
}
