using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;
using LotteryTickets.Experiments;
using LotteryTickets.Initialization;
using LotteryTickets.Tickets;
using LotteryTickets.Pruning;
using TorchSharp;
using LotteryTickets.Training;
using LotteryTickets.Components;

namespace LotteryTickets.Cli.Tests.Running;

public class ExperimentFileMapperTests
{
    private static ExperimentFile Parse(string yaml) => ExperimentFileLoader.Parse(yaml, yaml: true, "x.yaml");

    [Test]
    public void EveryKeyOfTheFileReachesThePlan()
    {
        var file = Parse("""
            name: mapped
            model: { name: LeNet-5, options: { widthMultiplier: 0.25 } }
            dataset: { name: gaussian_blobs, validation: 32 }
            training:
              duration: 3ep
              batchSize: 16
              optimizer: adamw
              learningRate: 0.002
              weightDecay: 0.01
              schedule: multistep
              milestones: [1ep, 2ep]
              gamma: 0.5
              warmup: 10it
              evaluationInterval: 7it
              seed: 9
            pruning: { criterion: magnitude_increase_same_sign, scope: global, oneShot: { sparsity: 0.75 } }
            rewind: lr
            branches: { shuffled: random_pruning }
            trials: 3
            seed: 11
            device: cpu
            """);

        var plan = ExperimentFileMapper.ToBuilder(file, "/tmp/lottery-mapper-store").Build();

        var training = plan.Training;
        Assert.Multiple(() =>
        {
            Assert.That(plan.Name, Is.EqualTo("mapped"));
            Assert.That(plan.Description, Does.Contain("\"zoo\":\"lenet5\"").And.Contain("\"widthMultiplier\":0.25").And.Contain("\"name\":\"gaussian_blobs\""));
            Assert.That(training.Duration, Is.EqualTo(TrainingDuration.Epochs(3)));
            Assert.That(training.BatchSize, Is.EqualTo(16));
            Assert.That(training.Optimizer, Is.EqualTo(OptimizerKind.AdamW));
            Assert.That(training.LearningRate, Is.EqualTo(0.002));
            Assert.That(training.WeightDecay, Is.EqualTo(0.01));
            Assert.That(training.Schedule, Is.EqualTo(LearningRateScheduleKind.MultiStep));
            Assert.That(training.Milestones, Is.EqualTo(new[] { TrainingDuration.Epochs(1), TrainingDuration.Epochs(2) }));
            Assert.That(training.Gamma, Is.EqualTo(0.5));
            Assert.That(training.Warmup, Is.EqualTo(TrainingDuration.Iterations(10)));
            Assert.That(training.EvaluationInterval, Is.EqualTo(TrainingDuration.Iterations(7)));
            Assert.That(training.DataOrderSeed, Is.EqualTo(9UL));
            Assert.That(plan.Criterion.Name, Is.EqualTo("magnitude_increase_same_sign"));
            Assert.That(plan.Schedule, Is.TypeOf<OneShot>());
            Assert.That(((OneShot)plan.Schedule).Sparsity, Is.EqualTo(0.75));
            Assert.That(((OneShot)plan.Schedule).Scope, Is.EqualTo(PruningScope.Global));
            Assert.That(plan.Rewind.Name, Is.EqualTo("lr:iteration:0"));
            Assert.That(plan.Branches.Single().Name, Is.EqualTo("shuffled"));
            Assert.That(plan.Branches.Single().Transforms.Single().Name, Is.EqualTo("random_pruning"));
            Assert.That(plan.Trials, Is.EqualTo(3));
            Assert.That(plan.Seed, Is.EqualTo(11UL));
            Assert.That(plan.Device.ToString(), Is.EqualTo(torch.CPU.ToString()));
            Assert.That(plan.Layout.Root, Is.EqualTo("/tmp/lottery-mapper-store"));
        });
    }

    [Test]
    public void RmsPropAdagradAndTheMseLossAreNamedWithTheirOptions()
    {
        var rmsProp = Parse("""
            name: rms
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs, validation: 32 }
            training: { duration: 1ep, optimizer: "rmsprop(alpha=0.9, centered=true)", momentum: 0.5, loss: MSE }
            pruning: { iterative: { levels: 1 } }
            """);
        var adagrad = Parse("""
            name: ada
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs, validation: 32 }
            training: { duration: 1ep, optimizer: "adagrad(learningRateDecay=0.01, initialAccumulatorValue=0.1, epsilon=1e-10)" }
            pruning: { iterative: { levels: 1 } }
            """);

        var r = ExperimentFileMapper.ToBuilder(rmsProp, "store").Build().Training;
        var a = ExperimentFileMapper.ToBuilder(adagrad, "store").Build().Training;

        Assert.Multiple(() =>
        {
            Assert.That((r.Optimizer, r.Alpha, r.Centered, r.Momentum, r.Loss), Is.EqualTo((OptimizerKind.RmsProp, 0.9, true, 0.5, LossKind.MeanSquaredError)));
            Assert.That((a.Optimizer, a.LearningRateDecay, a.InitialAccumulatorValue, a.Epsilon, a.Loss), Is.EqualTo((OptimizerKind.Adagrad, 0.01, 0.1, 1e-10, LossKind.CrossEntropy)));
        });
    }

    [Test]
    public void TheIterativeScheduleGetsTheRatesAndHalfTheRateForTheOutputLayerByDefault()
    {
        var file = Parse("""
            name: imp
            model: { name: lenet_300_100 }
            dataset: { name: mnist }
            training: { duration: 2ep, schedule: step, milestones: [1ep] }
            pruning: { iterative: { levels: 4, rate: 0.3 } }
            rewind: iteration:50
            """);

        var plan = ExperimentFileMapper.ToBuilder(file, "store").Build();

        var schedule = (IterativeRates)plan.Schedule;
        Assert.Multiple(() =>
        {
            Assert.That(schedule.Levels, Is.EqualTo(4));
            Assert.That(schedule.Rate, Is.EqualTo(0.3));
            Assert.That(schedule.OutputRate, Is.EqualTo(0.15).Within(1e-12));
            Assert.That(schedule.Scope, Is.EqualTo(PruningScope.Layerwise));
            Assert.That(plan.Rewind.Name, Is.EqualTo("iteration:50"));
            Assert.That(plan.Training.Schedule, Is.EqualTo(LearningRateScheduleKind.Step));
            Assert.That(plan.Training.StepSize, Is.EqualTo(TrainingDuration.Epochs(1)));
            Assert.That(plan.Description, Does.Contain("\"name\":\"mnist\""));
        });
    }

    [Test]
    public void EveryKeyOfAGradualScheduleReachesThePlan()
    {
        var file = Parse("""
            name: gradual
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs, validation: 32 }
            training: { duration: 4ep }
            pruning:
              criterion: large_final
              scope: global
              gradual: { curve: iterative, steps: 4, sparsity: 0.8, initialSparsity: 0.1, start: 0.25, end: 0.75, pruneEvery: 5, lth: true, rewindEpoch: 1, resetEnd: true }
            """);

        var plan = ExperimentFileMapper.ToBuilder(file, "store").Build();

        var schedule = (GradualSchedule)plan.Schedule;
        Assert.Multiple(() =>
        {
            Assert.That(schedule.Curve.ToString(), Is.EqualTo(SparsityCurve.Iterative(4).ToString()));
            Assert.That(schedule.FinalSparsity, Is.EqualTo(0.8));
            Assert.That(schedule.InitialSparsity, Is.EqualTo(0.1));
            Assert.That(schedule.StartFraction, Is.EqualTo(0.25));
            Assert.That(schedule.EndFraction, Is.EqualTo(0.75));
            Assert.That(schedule.PruneEvery, Is.EqualTo(5));
            Assert.That(schedule.Scope, Is.EqualTo(PruningScope.Global));
            Assert.That(schedule.ResetAfterEachPrune, Is.True);
            Assert.That(schedule.RewindEpoch, Is.EqualTo(1));
            Assert.That(schedule.ResetAtEnd, Is.True);
            Assert.That(plan.Branches, Is.Empty);
            Assert.That(plan.Description, Does.Contain("gradual"));
        });
    }

    [Test]
    public void IgnoredLayersPerLayerValuesAndTheCheckpointIntervalReachThePlan()
    {
        const string Head = """
            name: layers
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs, validation: 32 }
            training: { duration: 2ep, checkpointInterval: 40it }
            """;
        var iterative = ExperimentFileMapper.ToBuilder(Parse(Head + """

            pruning: { ignore: [fc3.weight], iterative: { levels: 2, layerRates: { fc1.weight: 0.5 } } }
            """), "store").Build();
        var oneShot = ExperimentFileMapper.ToBuilder(Parse(Head + """

            pruning: { ignore: [fc1.weight], oneShot: { sparsity: 0.5, layerSparsities: { fc2.weight: 0.9 } } }
            """), "store").Build();
        var gradual = ExperimentFileMapper.ToBuilder(Parse(Head + """

            pruning: { ignore: [fc3.weight], gradual: { sparsity: 0.5, layerSparsities: { fc1.weight: 0.8 } } }
            branches: { reinit: random_reinit }
            """), "store").Build();

        Assert.Multiple(() =>
        {
            var rates = (IterativeRates)iterative.Schedule;
            Assert.That(rates.IgnoredLayers, Is.EqualTo(new[] { "fc3.weight" }));
            Assert.That(rates.LayerRates, Is.EqualTo(new Dictionary<string, double> { ["fc1.weight"] = 0.5 }));
            Assert.That(iterative.CheckpointInterval, Is.EqualTo(TrainingDuration.Iterations(40)));
            var shot = (OneShot)oneShot.Schedule;
            Assert.That(shot.IgnoredLayers, Is.EqualTo(new[] { "fc1.weight" }));
            Assert.That(shot.LayerSparsities, Is.EqualTo(new Dictionary<string, double> { ["fc2.weight"] = 0.9 }));
            var agp = (GradualSchedule)gradual.Schedule;
            Assert.That(agp.IgnoredLayers, Is.EqualTo(new[] { "fc3.weight" }));
            Assert.That(agp.LayerSparsities, Is.EqualTo(new Dictionary<string, double> { ["fc1.weight"] = 0.8 }));
            Assert.That(gradual.Branches.Single().Name, Is.EqualTo("reinit"));
        });
    }

    [Test]
    public void ABranchGivenAListAppliesItsTransformsInOrderAndAnUnknownOneInTheListIsReported()
    {
        const string Head = """
            name: chain
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs, validation: 32 }
            training: { duration: 1ep }
            pruning: { iterative: { levels: 1 } }
            """;

        var plan = ExperimentFileMapper.ToBuilder(Parse(Head + "\nbranches: { both: [random_pruning, random_reinit], one: random_reinit }"), "store").Build();
        var e = Assert.Throws<ExperimentFileException>(() => Parse(Head + "\nbranches: { both: [random_pruning, reinit_everything] }"));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Branches.Select(b => (b.Name, string.Join("+", b.Transforms.Select(t => t.Name)))), Is.EqualTo(new[]
            {
                ("both", "random_pruning+random_reinit"),
                ("one", "random_reinit"),
            }));
            Assert.That(e!.Errors.Single(), Does.StartWith("branches.both: the transform 'reinit_everything' is unknown; the known transforms are 'random_reinit', 'random_pruning'"));
        });
    }

    [TestCase("agp", 0.2)]
    [TestCase("one_shot", 0.5)]
    [TestCase("iterative", 0.2)]
    [TestCase("one-cycle", 0.0)]
    [TestCase("linear", 0.0)]
    [TestCase("cosine", 0.0)]
    [TestCase("DSD", 0.0)]
    public void EachGradualCurveIsTheCoresWithFasteraisPresetStartAndTheLayerwiseDefaults(string curve, double start)
    {
        var file = Parse($"""
            name: gradual
            model: {"{"} name: lenet_300_100 {"}"}
            dataset: {"{"} name: gaussian_blobs {"}"}
            training: {"{"} duration: 1ep {"}"}
            pruning: {"{"} gradual: {"{"} curve: {curve}, sparsity: 0.6 {"}"} {"}"}
            """);

        var schedule = (GradualSchedule)ExperimentFileMapper.ToBuilder(file, "store").Build().Schedule;

        var expected = ExperimentNames.Find(ExperimentNames.Curves, curve) switch
        {
            "agp" => SparsityCurve.Agp,
            "one_shot" => SparsityCurve.OneShot,
            "iterative" => SparsityCurve.Iterative(),
            "one_cycle" => SparsityCurve.OneCycle(),
            "linear" => SparsityCurve.Linear,
            "cosine" => SparsityCurve.Cosine,
            _ => SparsityCurve.Dsd,
        };
        Assert.Multiple(() =>
        {
            Assert.That(schedule.Curve.ToString(), Is.EqualTo(expected.ToString()));
            Assert.That(schedule.StartFraction, Is.EqualTo(start));
            Assert.That(schedule.EndFraction, Is.EqualTo(1.0));
            Assert.That(schedule.FinalSparsity, Is.EqualTo(0.6));
            Assert.That(schedule.PruneEvery, Is.EqualTo(1));
            Assert.That(schedule.Scope, Is.EqualTo(PruningScope.Layerwise));
            Assert.That(schedule.ResetAfterEachPrune || schedule.ResetAtEnd, Is.False);
        });
    }

    private const string OptionsHead = """
        name: options
        model: { name: lenet_300_100 }
        dataset: { name: gaussian_blobs, validation: 32 }
        training: { duration: 1ep }
        pruning: { iterative: { levels: 1 } }
        """;

    [Test]
    public void EachTransformOptionInABranchReachesTheBuiltTransform()
    {
        var plan = ExperimentFileMapper.ToBuilder(Parse(OptionsHead + """

            branches:
              sr: "smart_ratio(linearKeepRatio=0.05, residual=true)"
              hyb: "hybrid(LINEAR_KEEP_RATIO=0.1)"
              snip20: "snip(samplesPerClass=20, data-variant=shuffled_pixels)"
              cold: "grasp(temperature=100, samplesPerClass=5, dataVariant=random_labels)"
              rl: "snip_random_labels(samplesPerClass=3)"
              flow: "synflow(rounds=50)"
            """), "store").Build();
        var transforms = plan.Branches.ToDictionary(b => b.Name, b => b.Transforms.Single());

        Assert.Multiple(() =>
        {
            var sr = (RandomTicket)transforms["sr"];
            Assert.That(sr.Name, Is.EqualTo("smart_ratio"));
            Assert.That(((SmartRatioDensities)sr.Densities).LinearKeepRatio, Is.EqualTo(0.05));
            Assert.That(((SmartRatioDensities)sr.Densities).Residual, Is.True);
            Assert.That(((HybridTicket)transforms["hyb"]).Densities.LinearKeepRatio, Is.EqualTo(0.1));
            Assert.That(((HybridTicket)transforms["hyb"]).Densities.Residual, Is.False);
            var snip = (SnipPruning)transforms["snip20"];
            Assert.That((snip.SamplesPerClass, snip.DataVariant, snip.Name), Is.EqualTo((20, ScoringDataVariant.ShuffledPixels, "snip_shuffled_pixels")));
            var grasp = (GraspPruning)transforms["cold"];
            Assert.That((grasp.Temperature, grasp.SamplesPerClass, grasp.DataVariant), Is.EqualTo((100.0, 5, ScoringDataVariant.RandomLabels)));
            var randomLabels = (SnipPruning)transforms["rl"];
            Assert.That((randomLabels.SamplesPerClass, randomLabels.DataVariant), Is.EqualTo((3, ScoringDataVariant.RandomLabels)));
            Assert.That(((SynFlowPruning)transforms["flow"]).Rounds, Is.EqualTo(50));
            Assert.That(((IDescribable)transforms["flow"]).DescribeParameters()["rounds"], Is.EqualTo(50));
        });
    }

    [Test]
    public void AChainMixesTransformsWithOptionsAndPlainNamesInOrderInTheListAndTheSingleForm()
    {
        var plan = ExperimentFileMapper.ToBuilder(Parse(OptionsHead + """

            branches:
              chain: [ "smart_ratio(linearKeepRatio=0.05, residual=true)", signed_constant, freeze_init ]
              line: "synflow(rounds=7), random_reinit"
              plain: [ smart_ratio, "snip()" ]
            """), "store").Build();
        var plain = ExperimentFileMapper.ToBuilder(Parse(OptionsHead + "\nbranches: { chain: [ smart_ratio, signed_constant, freeze_init ] }"), "store").Build();
        var branches = plan.Branches.ToDictionary(b => b.Name, b => b.Transforms);

        Assert.Multiple(() =>
        {
            Assert.That(branches["chain"].Select(t => t.Name), Is.EqualTo(new[] { "smart_ratio", "signed_constant", "freeze_init" }));
            Assert.That(((SmartRatioDensities)((RandomTicket)branches["chain"][0]).Densities).LinearKeepRatio, Is.EqualTo(0.05));
            Assert.That(branches["chain"][1], Is.SameAs(TicketTransforms.SignedConstant));
            Assert.That(branches["line"].Select(t => t.Name), Is.EqualTo(new[] { "synflow", "random_reinit" }));
            Assert.That(((SynFlowPruning)branches["line"][0]).Rounds, Is.EqualTo(7));
            Assert.That(branches["plain"][0], Is.SameAs(TicketTransforms.SmartRatio));
            Assert.That(branches["plain"][1], Is.SameAs(TicketTransforms.Snip));
            Assert.That(plan.Hash, Is.Not.EqualTo(plain.Hash));
        });
    }
}
