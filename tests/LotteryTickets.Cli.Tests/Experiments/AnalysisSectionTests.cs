using LotteryTickets.Analysis.Instability;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;

namespace LotteryTickets.Cli.Tests.Experiments;

public class AnalysisSectionTests
{
    private static readonly string Samples = Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", "experiments");

    private const string Base = """
        name: tiny
        model: { name: lenet_300_100 }
        dataset: { name: gaussian_blobs }
        training: { duration: 200it }
        pruning: { iterative: { levels: 3 } }
        branches: { random: random_pruning }

        """;

    [Test]
    public void TheInstabilitySectionIsReadAndMappedOntoTheBuilderWithoutChangingThePlanHash()
    {
        var file = ExperimentFileLoader.Parse(Base + """
            analysis:
              instability: { rewindPoints: [0it, 100it], points: 11, batchNormBatches: 5, trainingSet: true, levels: [0, 2], branches: [main, random], masks: plan }
            """, yaml: true);
        var plain = ExperimentFileLoader.Parse(Base, yaml: true);

        var plan = ExperimentFileMapper.ToBuilder(file, Path.GetTempPath()).Build();
        var options = plan.Instability!;

        Assert.Multiple(() =>
        {
            Assert.That(options.RewindPoints, Is.EqualTo(new[] { "0it", "100it" }));
            Assert.That(options.Points, Is.EqualTo(11));
            Assert.That(options.BatchNormBatches, Is.EqualTo(5));
            Assert.That(options.TrainingSet, Is.True);
            Assert.That(options.Levels, Is.EqualTo(new[] { 0, 2 }));
            Assert.That(options.Branches, Is.EqualTo(new[] { "main", "random" }));
            Assert.That(options.Masks, Is.EqualTo(InstabilityMasks.Plan));
            Assert.That(plan.Hash, Is.EqualTo(ExperimentFileMapper.ToBuilder(plain, Path.GetTempPath()).Build().Hash));
            Assert.That(ExperimentFileMapper.ToBuilder(plain, Path.GetTempPath()).Build().Instability, Is.Null);
        });
    }

    [Test]
    public void LeftOutKeysOfTheSectionTakeTheLibrarysDefaults()
    {
        var file = ExperimentFileLoader.Parse(Base + "analysis: { instability: {} }\n", yaml: true);

        var options = ExperimentFileMapper.ToBuilder(file, Path.GetTempPath()).Build().Instability!;

        Assert.That(options.RewindPoints, Is.EqualTo(new[] { "0it" }));
        Assert.That(options.Points, Is.EqualTo(31));
        Assert.That(options.BatchNormBatches, Is.EqualTo(10));
        Assert.That(options.TrainingSet, Is.False);
        Assert.That(options.Levels, Is.Null);
        Assert.That(options.Branches, Is.EqualTo(new[] { "main" }));
        Assert.That(options.Masks, Is.EqualTo(InstabilityMasks.PerRewindPoint));
    }

    [Test]
    public void EveryProblemOfTheSectionIsReportedWithItsKeyPath()
    {
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentFileLoader.Parse(Base + """
            analysis:
              instability:
                rewindPoints: [0it, soon, 0ep, 300it]
                points: 1
                batchNormBatches: -1
                levels: [1, 4, x, 1]
                branches: [main, reinit, main]
                masks: later
                colour: red
            """, yaml: true, "x.yaml"))!;

        Assert.That(e.Message, Is.EqualTo(string.Join(Environment.NewLine,
            "The experiment file 'x.yaml' is invalid:",
            "- analysis.instability.colour: unknown key; the known keys in 'analysis.instability' are 'rewindPoints', 'points', 'batchNormBatches', 'trainingSet', 'levels', 'branches', 'masks'.",
            "- analysis.instability.masks: 'later' is not a choice; write 'per_rewind_point' (IMP rewound to each point, the paper's tickets) or 'plan' (the experiment's own masks).",
            "- analysis.instability.levels[2]: 'x' is not a level; give whole numbers from 0 (the dense network).",
            "- analysis.instability.rewindPoints: the rewind point 'soon' is not a duration; write it like '0it', '500it' or '2ep'.",
            "- analysis.instability.rewindPoints: the rewind point '0ep' is given twice (as '0it'); list each once.",
            "- analysis.instability.points: 'Points' is 1; give the number of evaluated points, at least 2 (31 points are 30 segments).",
            "- analysis.instability.batchNormBatches: 'BatchNormBatches' is -1; give 0 or more (0 keeps the interpolated statistics).",
            "- analysis.instability.levels: 'Levels' lists a level twice; list each once.",
            "- analysis.instability.branches: 'Branches' lists a branch twice; list each once.",
            "- analysis.instability.levels[1]: the level 4 is beyond the plan's last level (3); choose levels from 0 (dense) to 3.",
            "- analysis.instability.branches[1]: the branch 'reinit' is not a branch of the plan; the branches are 'main', 'random' (add it under 'branches' first).",
            "- analysis.instability.rewindPoints[3]: the rewind point '300it' lies after the end of training (200it); choose points within the training duration.")));
    }

    [Test]
    public void AGradualScheduleHasNoLevelsToAnalyse()
    {
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentFileLoader.Parse("""
            name: tiny
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs }
            training: { duration: 200it }
            pruning: { gradual: { sparsity: 0.8 } }
            analysis: { instability: {} }
            """, yaml: true, "x.yaml"))!;

        Assert.That(e.Message, Does.Contain("- analysis.instability: a gradual schedule trains one run per trial without levels to analyse; use 'pruning.iterative' or 'pruning.oneShot', or remove the analysis."));
    }

    [TestCase("lenet-fashion-mnist-instability.yaml")]
    [TestCase("resnet20-cifar10-instability.yaml")]
    public void TheInstabilitySamplesAreValid(string name)
    {
        var file = ExperimentFileLoader.Load(Path.Combine(Samples, name));

        Assert.That(file.Analysis.Instability, Is.Not.Null);
        Assert.That(ExperimentFileMapper.ToBuilder(file, Path.GetTempPath()).Build().Instability!.RewindPoints, Is.Not.Empty);
    }
}
