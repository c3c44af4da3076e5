using LotteryTickets.Cli.Experiments;
using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Tests.Experiments;

public class BuilderErrorPathsTests
{
    [Test]
    public void EveryCrossFieldProblemOfAFileIsReportedTogetherUnderItsKeyPath()
    {
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentFileLoader.Parse("""
            name: tiny
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs }
            training: { duration: 200it, learningRate: 0, evaluationInterval: 0it }
            pruning: { gradual: { sparsity: 0.8, resetEnd: true } }
            rewind: lr
            branches: { ticket: random_reinit, main: reshuffle, 'a/b': random_pruning, instability: reshuffle }
            analysis: { instability: { points: 1 } }
            trials: 0
            """, yaml: true, "x.yaml"))!;

        Assert.That(e.Errors, Is.EqualTo(new[]
        {
            "training.learningRate: 'LearningRate' is 0; it must be a finite number greater than 0.",
            "training.evaluationInterval: 'EvaluationInterval' is 0it; it must be greater than 0, or null to evaluate only at the start and the end.",
            "rewind: the rewind policy 'lr:iteration:0' does not apply to a gradual schedule, whose 'pruning.gradual.rewindEpoch' with 'lth' or 'resetEnd' choose the ticket's start weights; leave 'rewind' out, or use 'pruning.iterative' or 'pruning.oneShot'.",
            "branches.ticket: the branch name 'ticket' is reserved for the evaluated ticket of a gradual schedule with 'resetEnd'; give the branch another name.",
            "branches.main: the branch name 'main' is reserved for the ticket itself; give the branch another name.",
            "branches.a/b: the branch name 'a/b' is invalid: it must not be empty, '.' or '..', contain '/', '\\' or control characters, or start or end with white space. Choose a name such as 'reinit'.",
            "branches.instability: the branch name 'instability' is reserved: it is the name of the analyses' folder inside each level (even when the plan has no analysis yet, since adding one keeps the plan's folder); give the branch another name.",
            "trials: 'Trials' is 0; it must be from 1 to 10000.",
            "analysis.instability.points: 'Points' is 1; give the number of evaluated points, at least 2 (31 points are 30 segments).",
            "analysis.instability: a gradual schedule trains one run per trial without levels to analyse; use 'pruning.iterative' or 'pruning.oneShot', or remove the analysis.",
        }));
    }

    [Test]
    public void AProblemTheFileAlreadyReportsIsNotRepeatedByTheBuilder()
    {
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentFileLoader.Parse("""
            model: { name: resnet_1000 }
            dataset: { name: gaussian_blobs }
            training: { duration: 20it }
            pruning: { iterative: { levels: 2 } }
            """, yaml: true, "x.yaml"))!;

        Assert.That(e.Errors, Has.Count.EqualTo(2));
        Assert.That(e.Errors[0], Does.StartWith("name: missing;"));
        Assert.That(e.Errors[1], Does.StartWith("model.name: the network 'resnet_1000' is not in the model zoo;"));
    }

    [TestCase("schedule", "pruning: { oneShot: { sparsity: 0.5 } }", "pruning.oneShot")]
    [TestCase("schedule", "pruning: { gradual: { sparsity: 0.5 } }", "pruning.gradual")]
    [TestCase("schedule", "pruning: { iterative: { levels: 2 } }", "pruning.iterative")]
    [TestCase("branch 'reinit'", "pruning: { iterative: { levels: 2 } }", "branches.reinit")]
    [TestCase("training.StepSize", "pruning: { iterative: { levels: 2 } }", "training.milestones")]
    [TestCase("training.Augmentation.Padding", "pruning: { iterative: { levels: 2 } }", "training.augmentation.padding")]
    [TestCase("analysis.instability.Levels[3]", "pruning: { iterative: { levels: 2 } }", "analysis.instability.levels[3]")]
    [TestCase("data", "pruning: { iterative: { levels: 2 } }", "dataset")]
    [TestCase("criterion", "pruning: { iterative: { levels: 2 } }", "pruning.criterion")]
    public void ABuilderOptionBecomesTheFilesKeyPath(string option, string pruning, string path)
    {
        var file = ExperimentFileLoader.Parse($$"""
            name: tiny
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs }
            training: { duration: 20it }
            {{pruning}}
            """, yaml: true);

        Assert.That(BuilderErrorPaths.KeyPath(option, file), Is.EqualTo(path));
        Assert.That(BuilderErrorPaths.Describe(new ExperimentError(option, "Training: 'X' is wrong; fix it."), file), Is.EqualTo(path + ": 'X' is wrong; fix it."));
    }
}
