using System.Text.Json;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Tickets;
using LotteryTickets.Initialization;

namespace LotteryTickets.Cli.Tests.Experiments;

public class ExperimentFileLoaderTests
{
    private static readonly string Samples = Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", "experiments");

    private const string ValidYaml = """
        name: tiny
        model: { name: lenet_300_100 }
        dataset: { name: gaussian_blobs }
        training: { duration: 2ep }
        pruning: { iterative: { levels: 2 } }
        """;

    private static ExperimentFileException Invalid(string text, bool yaml = true) =>
        Assert.Throws<ExperimentFileException>(() => ExperimentFileLoader.Parse(text, yaml, "x.yaml"))!;

    [Test]
    public void TheSampleYamlAndJsonFilesDescribeTheSameExperiment()
    {
        var yaml = ExperimentFileLoader.Load(Path.Combine(Samples, "lenet-fashion-mnist.yaml"));
        var json = ExperimentFileLoader.Load(Path.Combine(Samples, "lenet-fashion-mnist.json"));

        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(json), Is.EqualTo(JsonSerializer.Serialize(yaml)));
            Assert.That(yaml.Name, Is.EqualTo("lenet-fashion-mnist"));
            Assert.That(yaml.Training.Duration, Is.EqualTo("2ep"));
            Assert.That(yaml.Training.Momentum, Is.EqualTo(0.9));
            Assert.That(yaml.Training.Seed, Is.EqualTo(1UL));
            Assert.That(yaml.Pruning.Iterative!.Levels, Is.EqualTo(5));
            Assert.That(yaml.Pruning.Iterative.OutputRate, Is.EqualTo(0.1));
            Assert.That(yaml.Branches, Is.EqualTo(new Dictionary<string, string> { ["reinit"] = "random_reinit", ["random"] = "random_pruning" }));
            Assert.That(yaml.Trials, Is.EqualTo(2));
        });
    }

    [Test]
    public void LeftOutKeysTakeTheirDefaults()
    {
        var file = ExperimentFileLoader.Parse(ValidYaml, yaml: true);

        Assert.Multiple(() =>
        {
            Assert.That(file.Rewind, Is.EqualTo("init"));
            Assert.That(file.Trials, Is.EqualTo(1));
            Assert.That(file.Device, Is.EqualTo("cpu"));
            Assert.That(file.Store, Is.EqualTo("store"));
            Assert.That(file.Dataset.Validation, Is.EqualTo(5000));
            Assert.That(file.Training.BatchSize, Is.EqualTo(LotteryTickets.Training.TrainingOptions.DefaultBatchSize));
            Assert.That(file.Pruning.Criterion, Is.EqualTo("large_final"));
            Assert.That(file.Pruning.Iterative!.Rate, Is.EqualTo(0.2));
            Assert.That(file.Pruning.Iterative.EffectiveOutputRate(), Is.EqualTo(0.1));
        });
    }

    [Test]
    public void KeysAreMatchedIgnoringCaseUnderscoresAndHyphens()
    {
        var file = ExperimentFileLoader.Parse(ValidYaml + "\nTRIALS: 3\nSeed: 4\n", yaml: true);
        var json = ExperimentFileLoader.Parse(
            """{ "Name": "tiny", "MODEL": { "name": "conv_2", "options": { "width_multiplier": 0.5 } }, "dataset": { "name": "mnist" }, "training": { "duration": "100it", "batch_size": 32, "learning-rate": 0.01 }, "pruning": { "one_shot": { "sparsity": 0.9 } } }""",
            yaml: false);

        Assert.Multiple(() =>
        {
            Assert.That(file.Trials, Is.EqualTo(3));
            Assert.That(file.Seed, Is.EqualTo(4UL));
            Assert.That(json.Training.BatchSize, Is.EqualTo(32));
            Assert.That(json.Training.LearningRate, Is.EqualTo(0.01));
            Assert.That(json.Pruning.OneShot!.Sparsity, Is.EqualTo(0.9));
            Assert.That(json.Model.Options["width_multiplier"], Is.EqualTo("0.5"));
        });
    }

    [Test]
    public void JsonAllowsCommentsAndTrailingCommas()
    {
        var file = ExperimentFileLoader.Parse(
            """
            // a comment
            { "name": "tiny", /* another */ "model": { "name": "lenet5" }, "dataset": { "name": "mnist" },
              "training": { "duration": "1ep" }, "pruning": { "iterative": {} }, }
            """,
            yaml: false);

        Assert.That(file.Name, Is.EqualTo("tiny"));
    }

    [Test]
    public void EveryProblemIsReportedAtOnceWithItsKeyPath()
    {
        var e = Invalid("""
            name: tiny
            modle: { name: lenet_300_100 }
            dataset: { name: imagenet, validation: -1 }
            training: { duration: abc, batchSize: many, optimizer: lbfgs, loss: hinge, momentum: 1.5 }
            pruning: { criterion: largest, scope: local, iterative: { levels: 0, rate: 0.2 }, oneShot: { sparsity: 0.9 } }
            rewind: epoch
            branches: { main: random_reinit, shuffled: reshufle }
            trials: 0
            device: tpu
            """);

        Assert.That(e.Message, Is.EqualTo(string.Join(Environment.NewLine,
            "The experiment file 'x.yaml' is invalid:",
            "- modle: unknown key; the known keys at the top level are 'name', 'model', 'dataset', 'training', 'pruning', 'rewind', 'branches', 'analysis', 'trials', 'seed', 'device', 'store'.",
            "- training.batchSize: 'many' is not a whole number.",
            "- model.name: missing; name a network of the model zoo, e.g. 'lenet_300_100'.",
            "- dataset.name: the data set 'imagenet' is unknown; the known data sets are 'fashion_mnist', 'mnist', 'kmnist', 'cifar10', 'cifar100', 'gaussian_blobs'.",
            "- dataset.validation: -1 leaves no validation set, which early stopping needs; give the number of training examples held out for validation, e.g. 5000.",
            "- training.duration: 'abc' is not a duration like '2ep' or '500it'.",
            "- training.momentum: 1.5 is outside [0, 1); give e.g. 0.9, or 0 for none.",
            "- pruning.scope: the scope 'local' is unknown; the known values are 'layerwise', 'global'.",
            "- pruning: give one schedule of 'iterative', 'oneShot', 'gradual' and 'schedule', not 'iterative' and 'oneShot'.",
            "- device: 'tpu' is not a device; write 'cpu', 'cuda' or 'cuda:N'.",
            "- pruning.iterative.levels: 'Levels' is 0; it must be at least 1.",
            "- training.optimizer: the optimizer 'lbfgs' is unknown; the known optimizers are 'sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'.",
            "- training.loss: the loss 'hinge' is unknown; the known losses are 'cross_entropy', 'mse'.",
            "- pruning.criterion: the mask criterion 'largest' is unknown; the known criteria are 'large_final', 'small_final', 'large_init', 'small_init', 'magnitude_increase', 'movement', 'large_init_large_final', 'small_init_small_final', 'random', each optionally followed by '_same_sign' or '_different_sign'.",
            "- rewind: the rewind policy 'epoch' needs the point 'k'; write e.g. 'epoch(k=1)'.",
            $"- branches.shuffled: the transform 'reshufle' is unknown; the known transforms are {string.Join(", ", TicketTransforms.Names.Select(n => $"'{n}'"))}.",
            "- branches.main: the branch name 'main' is reserved for the ticket itself; give the branch another name.",
            "- trials: 'Trials' is 0; it must be from 1 to 10000.")));
        Assert.That(e.Errors, Has.Count.EqualTo(18));
    }

    [Test]
    public void AnUnknownNestedKeyListsTheKnownKeysOfItsSection()
    {
        var e = Invalid(ValidYaml.Replace("duration: 2ep", "duration: 2ep, epochs: 3", StringComparison.Ordinal));

        Assert.That(e.Errors, Is.EqualTo(new[]
        {
            "training.epochs: unknown key; the known keys in 'training' are 'duration', 'batchSize', 'optimizer', 'loss', 'learningRate', 'momentum', 'channelsLast', 'weightDecay', 'schedule', 'milestones', 'gamma', 'warmup', 'evaluationInterval', 'checkpointInterval', 'augmentation', 'seed'.",
        }));
    }

    [Test]
    public void AMissingScheduleAndRequiredKeysAreReported()
    {
        var e = Invalid("seed: 1");

        Assert.That(e.Errors, Is.EqualTo(new[]
        {
            "name: missing; give the experiment a name, e.g. 'lenet-imp' (it names its folder in the store).",
            "model.name: missing; name a network of the model zoo, e.g. 'lenet_300_100'.",
            "dataset.name: missing; name one of 'fashion_mnist', 'mnist', 'kmnist', 'cifar10', 'cifar100', 'gaussian_blobs'.",
            "training.duration: missing; give how long each run trains, e.g. '2ep' or '500it'.",
            "pruning: give a schedule, one of 'iterative' (levels, rate, outputRate), 'oneShot' (sparsity), 'gradual' (curve, sparsity, start, end, ...) or 'schedule' (a registered schedule by name, e.g. 'iterative(levels=5)').",
        }));
    }

    [Test]
    public void ModelNamesAreThoseOfTheModelZooAndTheWidthMultiplierIsTheirOption()
    {
        var e = Invalid(ValidYaml.Replace("name: lenet_300_100", "name: resnet18, options: { widthMultiplier: -2, depth: 3 }", StringComparison.Ordinal));
        var accepted = ExperimentFileLoader.Parse(ValidYaml.Replace("name: lenet_300_100", "name: Conv-4, options: { width_multiplier: 0.5 }", StringComparison.Ordinal), true, "x.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(e.Errors, Is.EqualTo(new[]
            {
                "model.name: the network 'resnet18' is not in the model zoo; the known networks are 'lenet300_100', 'lenet5', 'conv2', 'conv4', 'conv6', 'vgg11', 'vgg16', 'vgg19', 'resnet20', 'resnet32', 'resnet56'.",
                "model.options.widthMultiplier: '-2' is not a width multiplier; give a number above 0, e.g. 0.5 (1 for the paper's widths).",
                "model.options.depth: unknown option; the known options are 'widthMultiplier'.",
            }));
            Assert.That(accepted.Model.Name, Is.EqualTo("Conv-4"));
        });
    }

    [Test]
    public void ScheduleMilestonesAreChecked()
    {
        var e = Invalid(ValidYaml.Replace("duration: 2ep", "duration: 2ep, schedule: multistep, milestones: [1ep, soon]", StringComparison.Ordinal));

        Assert.That(e.Errors, Is.EqualTo(new[] { "training.milestones[1]: 'soon' is not a duration like '2ep' or '500it'." }));
    }

    [Test]
    public void AValueOfTheWrongShapeIsReported()
    {
        var e = Invalid(ValidYaml + "\nbranches: [random_reinit]\n");

        Assert.That(e.Errors, Is.EqualTo(new[] { "branches: expected a mapping of keys to values, found a list." }));
    }

    [Test]
    public void MalformedYamlNamesTheLine()
    {
        var e = Invalid("name: tiny\nmodel: x\n  training: 1\n");

        Assert.That(e.Message, Does.StartWith("The experiment file 'x.yaml' cannot be read: it is not valid YAML at line 3, column "));
    }

    [Test]
    public void YamlEndingInsideAnUnclosedMappingIsReported()
    {
        var e = Invalid("name: tiny\nmodel: { name: x\ntraining: 1\n");

        Assert.That(e.Message, Is.EqualTo("The experiment file 'x.yaml' cannot be read: it is not valid YAML: the text ends inside an unfinished construct (an unclosed '{', '[' or quote?)"));
    }

    [Test]
    public void MalformedJsonNamesTheLine()
    {
        var e = Invalid("{ \"name\": \"tiny\",\n  \"model\": }", yaml: false);

        Assert.That(e.Message, Does.StartWith("The experiment file 'x.yaml' cannot be read: it is not valid JSON at line 2, position "));
    }

    [Test]
    public void ADocumentThatIsNotAMappingIsReported()
    {
        var e = Invalid("- a\n- b\n");

        Assert.That(e.Errors, Is.EqualTo(new[] { "(top level): expected a mapping of keys to values, found a list." }));
    }

    [Test]
    public void AnUnknownExtensionIsReported()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lottery-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, "name = 'x'");
        try
        {
            var e = Assert.Throws<ExperimentFileException>(() => ExperimentFileLoader.Load(path))!;
            Assert.That(e.Message, Is.EqualTo($"The experiment file '{path}' has the extension '.toml'; name it '.json' for JSON or '.yaml' / '.yml' for YAML."));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void EveryProblemOfAGradualScheduleIsReportedWithItsKeyPathAndUnknownCurvesListTheKnownOnes()
    {
        var e = Invalid("""
            name: tiny
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs }
            training: { duration: 2ep }
            pruning: { gradual: { curve: exponential, steps: 0, initialSparsity: 1.2, start: 0.6, end: 0.5, pruneEvery: 0, rewindEpoch: 2 } }
            rewind: epoch:1
            branches: { reinit: random_reinit }
            """);

        Assert.That(e.Errors, Is.EqualTo(new[]
        {
            "pruning.gradual.curve: the curve 'exponential' is unknown; the known curves are 'agp', 'one_shot', 'iterative', 'one_cycle', 'linear', 'cosine', 'dsd'.",
            "pruning.gradual.steps: 0 is not a number of jumps; give 1 or more, e.g. 3.",
            "pruning.gradual.sparsity: missing; give the final fraction of prunable weights that are zero, e.g. 0.9.",
            "pruning.gradual.initialSparsity: 'InitialSparsity' is 1.2; it must be at least 0 and less than 1.",
            "pruning.gradual.initialSparsity: 'InitialSparsity' (1.2) is greater than 'FinalSparsity' (0.5); the final sparsity must be at least the initial one.",
            "pruning.gradual.start: 'StartFraction' (0.6) is not before 'EndFraction' (0.5); the window must start before it ends.",
            "pruning.gradual.pruneEvery: 'PruneEvery' is 0; it must be at least 1.",
            "pruning.gradual.rewindEpoch: 'RewindEpoch' is 2, but neither 'lth' nor 'resetEnd' is set, so nothing would rewind; set one of them or leave 'RewindEpoch' at 0.",
            "rewind: the rewind policy 'epoch:1' does not apply to a gradual schedule, whose 'pruning.gradual.rewindEpoch' with 'lth' or 'resetEnd' choose the ticket's start weights; leave 'rewind' out, or use 'pruning.iterative' or 'pruning.oneShot'.",
        }));
    }

    [Test]
    public void PerLayerValuesOutOfRangeUnderGlobalScopeOrBesideAnIgnoredLayerAndABadCheckpointIntervalAreReported()
    {
        var e = Invalid("""
            name: tiny
            model: { name: lenet_300_100 }
            dataset: { name: gaussian_blobs }
            training: { duration: 2ep, checkpointInterval: soon }
            pruning: { scope: global, ignore: [fc1.weight, ''], iterative: { levels: 2, layerRates: { fc1.weight: 0.5, fc2.weight: 1.5 } } }
            """);

        Assert.That(e.Errors, Is.EqualTo(new[]
        {
            "training.checkpointInterval: 'soon' is not a duration like '2ep' or '500it'.",
            "pruning.iterative.layerRates.fc2.weight: 'LayerRates[fc2.weight]' is 1.5; it must be at least 0 and less than 1.",
            "pruning.ignore: 'IgnoredLayers' has an empty layer name; name the parameter, e.g. 'fc1.weight'.",
            "pruning.iterative.layerRates: 'LayerRates' is set but 'Scope' is Global, where one rate spans all layers; clear 'LayerRates' or use Layerwise scope.",
            "pruning.iterative: the layer 'fc1.weight' is both ignored and given a rate in 'LayerRates'; keep one of the two.",
        }));
    }

    [Test]
    public void ABranchNamedTicketBesideAGradualScheduleWithResetEndIsReported()
    {
        var e = Invalid(ValidYaml.Replace("pruning: { iterative: { levels: 2 } }", "pruning: { gradual: { sparsity: 0.5, resetEnd: true } }\nbranches: { ticket: random_reinit }", StringComparison.Ordinal));

        Assert.That(e.Errors, Is.EqualTo(new[]
        {
            "branches.ticket: the branch name 'ticket' is reserved for the evaluated ticket of a gradual schedule with 'resetEnd'; give the branch another name.",
        }));
    }

    [Test]
    public void AGradualScheduleBesideAnotherIsReportedAndAnEndBeforeTheCurvesPresetStartNamesThePreset()
    {
        var both = Invalid(ValidYaml.Replace("pruning: { iterative: { levels: 2 } }", "pruning: { oneShot: { sparsity: 0.5 }, gradual: { sparsity: 0.5 } }", StringComparison.Ordinal));
        var early = Invalid(ValidYaml.Replace("pruning: { iterative: { levels: 2 } }", "pruning: { gradual: { curve: one_shot, sparsity: 0.9, initialSparsity: 0.95, end: 0.4 } }", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(both.Errors, Is.EqualTo(new[] { "pruning: give one schedule of 'iterative', 'oneShot', 'gradual' and 'schedule', not 'oneShot' and 'gradual'." }));
            Assert.That(early.Errors, Is.EqualTo(new[]
            {
                "pruning.gradual.initialSparsity: 'InitialSparsity' (0.95) is greater than 'FinalSparsity' (0.9); the final sparsity must be at least the initial one.",
                "pruning.gradual.start: 'StartFraction' (0.5) is not before 'EndFraction' (0.4); the window must start before it ends. The start 0.5 is the curve's preset; give 'start', or an 'end' after it.",
            }));
        });
    }

    [Test]
    public void BadTransformOptionsInBranchesAreReportedAllAtOnceWithWhatToDo()
    {
        var e = Invalid(ValidYaml + """

            branches:
              plain: "freeze_init(rounds=3)"
              misspelt: "snip(samples=20)"
              kind: "synflow(rounds=many)"
              flag: "smart_ratio(residual=yes, linearKeepRatio=1.5)"
              range: "grasp(temperature=-1, samplesPerClass=0)"
              variant: "snip(dataVariant=noise)"
              open: "hybrid(linearKeepRatio=0.1"
              bare: [ "synflow(rounds)", freeze_init ]
              twice: "synflow(rounds=5, Rounds=6)"
            """);

        Assert.That(e.Errors, Is.EqualTo(new[]
        {
            "branches.plain: the transform 'freeze_init' takes no options; write 'freeze_init' alone.",
            "branches.misspelt: the transform 'snip' has no option 'samples'; the known options are 'samplesPerClass', 'dataVariant'.",
            "branches.kind: the option 'rounds' of 'synflow' is 'many', which is not a whole number; give e.g. 100.",
            "branches.flag: the option 'residual' of 'smart_ratio' is 'yes', which is not true or false; give true or false.",
            "branches.flag: 'LinearKeepRatio' is 1.5; it must be at least 0 and at most 1.",
            "branches.range: the 'SamplesPerClass' is 0; it must be at least 1 (Su et al. use 10).",
            "branches.range: the 'Temperature' is -1; it must be a positive number (GraSP uses 200).",
            "branches.variant: the option 'dataVariant' of 'snip' is 'noise', which is not a scoring data variant; give one of 'original', 'random_labels', 'shuffled_pixels'.",
            "branches.open: 'hybrid(linearKeepRatio=0.1' has unbalanced parentheses; write a component as 'name' or 'name(key=value, ...)', e.g. 'snip(samplesPerClass=20)'.",
            "branches.bare: the option 'rounds' in 'synflow(rounds)' has no value; write 'key=value', e.g. 'synflow(rounds=...)'.",
            "branches.twice: the option 'rounds' of 'synflow' is given twice; give it once.",
        }));
    }

    [Test]
    public void ARangeErrorOfTheSmartRatioOptionsIsReportedWithTheKeyPath()
    {
        var e = Invalid(ValidYaml + "\nbranches: { sr: \"smart_ratio(linearKeepRatio=1.5)\" }\n");

        Assert.That(e.Errors, Is.EqualTo(new[] { "branches.sr: 'LinearKeepRatio' is 1.5; it must be at least 0 and at most 1." }));
    }
}
