using LotteryTickets.Cli.Commands;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;
using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Experiments;
using ExperimentResult = LotteryTickets.Experiments.ExperimentResult;

namespace LotteryTickets.Cli.Tests.Commands;

/// <summary><c>lottery run --shard i/n</c>, <c>--shard-count n</c> and the shard read from a scheduler's environment.</summary>
public class RunShardOptionTests
{
    /// <summary>A launcher that records the context it was given.</summary>
    private sealed class RecordingLauncher : IExperimentLauncher
    {
        public RunContext? Context { get; private set; }

        public int Launch(ExperimentFile file, RunContext context)
        {
            Context = context;
            return ExitCodes.Success;
        }
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    [Test]
    public void TheShardOptionIsParsedAndPassedToTheLauncherWithALineSayingWhichShardRuns()
    {
        using var folder = new TemporaryFolder();
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        var launcher = new RecordingLauncher();

        var result = Lottery.Run(launcher, "run", file, "--store", folder.File("store"), "--shard", "1/3");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
            Assert.That(launcher.Context?.Shard, Is.EqualTo(new Shard(1, 3)));
            Assert.That(result.Stderr, Does.Contain("Shard 1/3 (from --shard): this process trains its share of the runs"));
        });
    }

    [TestCase("3/3")]
    [TestCase("1of3")]
    [TestCase("1/0")]
    [TestCase("1/3/5")]
    public void ABadShardIsAUsageErrorOfOneLineNamingTheValue(string value)
    {
        var launcher = new RecordingLauncher();

        var result = Lottery.Run(launcher, "run", "missing.yaml", "--shard", value);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
            Assert.That(result.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.Stderr);
            Assert.That(result.Stderr, Does.StartWith($"error: '--shard': The shard '{value}' is not 'index/count'"));
            Assert.That(launcher.Context, Is.Null);
        });
    }

    [TestCase("0")]
    [TestCase("four")]
    public void ABadShardCountIsAUsageError(string value)
    {
        var result = Lottery.Run(new RecordingLauncher(), "run", "missing.yaml", "--shard-count", value);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
            Assert.That(result.Stderr, Does.StartWith($"error: The value '{value}' of '--shard-count' is not a whole number of at least 1"));
        });
    }

    [Test]
    public void TheShardAndTheShardCountTogetherAreAUsageError()
    {
        var result = Lottery.Run(new RecordingLauncher(), "run", "missing.yaml", "--shard", "0/2", "--shard-count", "2");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
            Assert.That(result.Stderr, Does.Contain("Give only one of them."));
        });
    }

    [Test]
    public void WithoutAShardOrAnEnvironmentEveryRunIsRun()
    {
        var (shard, _) = RunCommand.ResolveShard(null, null, Environment());

        Assert.That(shard, Is.Null);
    }

    [Test]
    public void AnExplicitShardWinsOverTheEnvironment()
    {
        var environment = Environment(
            (Shard.SlurmTaskId, "2"), (Shard.SlurmTaskCount, "4"), (Shard.KubernetesIndex, "3"), (Shard.ShardCountVariable, "4"));

        var (shard, source) = RunCommand.ResolveShard(" 0/5 ", null, environment);

        Assert.Multiple(() =>
        {
            Assert.That(shard, Is.EqualTo(new Shard(0, 5)));
            Assert.That(source, Is.EqualTo("--shard"));
        });
    }

    [Test]
    public void ASlurmJobArrayGivesTheShardCountedFromItsLowestTaskId()
    {
        var environment = Environment((Shard.SlurmTaskId, "7"), (Shard.SlurmTaskMin, "5"), (Shard.SlurmTaskCount, "3"));

        var (shard, source) = RunCommand.ResolveShard(null, null, environment);

        Assert.Multiple(() =>
        {
            Assert.That(shard, Is.EqualTo(new Shard(2, 3)));
            Assert.That(source, Is.EqualTo("SLURM_ARRAY_TASK_ID=7, SLURM_ARRAY_TASK_MIN=5, SLURM_ARRAY_TASK_COUNT=3"));
        });
    }

    [Test]
    public void AnIndexedJobTakesItsCountFromTheOptionOrTheVariable()
    {
        var (fromOption, optionSource) = RunCommand.ResolveShard(null, "4", Environment((Shard.KubernetesIndex, "2")));
        var (fromVariable, variableSource) = RunCommand.ResolveShard(null, null, Environment((Shard.KubernetesIndex, "3"), (Shard.ShardCountVariable, "4")));

        Assert.Multiple(() =>
        {
            Assert.That(fromOption, Is.EqualTo(new Shard(2, 4)));
            Assert.That(optionSource, Is.EqualTo("JOB_COMPLETION_INDEX=2, 4 shards from --shard-count"));
            Assert.That(fromVariable, Is.EqualTo(new Shard(3, 4)));
            Assert.That(variableSource, Is.EqualTo("JOB_COMPLETION_INDEX=3, 4 shards from LOTTERYTICKETS_SHARD_COUNT"));
        });
    }

    [Test]
    public void AnIndexedJobWithoutACountIsAUsageErrorSayingHowToGiveIt()
    {
        var e = Assert.Throws<CliUsageException>(() => RunCommand.ResolveShard(null, null, Environment((Shard.KubernetesIndex, "1"))));

        Assert.That(e!.Message, Does.Contain("'JOB_COMPLETION_INDEX' is set but the number of shards is not known")
            .And.Contain("'LOTTERYTICKETS_SHARD_COUNT'").And.Contain("'--shard-count n'"));
    }

    [TestCase(Shard.SlurmTaskId, "x", "'SLURM_ARRAY_TASK_ID' is 'x', not a whole number")]
    [TestCase(Shard.SlurmTaskCount, "three", "'SLURM_ARRAY_TASK_COUNT' is 'three', not a whole number")]
    [TestCase(Shard.SlurmTaskMin, "9", "The shard from the environment does not exist")]
    public void AMalformedSlurmVariableIsAUsageErrorNamingIt(string name, string value, string expected)
    {
        var variables = new Dictionary<string, string> { [Shard.SlurmTaskId] = "1", [Shard.SlurmTaskCount] = "3", [name] = value };

        var e = Assert.Throws<CliUsageException>(() => RunCommand.ResolveShard(null, null, n => variables.GetValueOrDefault(n)));

        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void AnIndexOutsideTheIndexedJobsCountIsAUsageError()
    {
        var e = Assert.Throws<CliUsageException>(() => RunCommand.ResolveShard(null, "4", Environment((Shard.KubernetesIndex, "4"))));

        Assert.That(e!.Message, Does.Contain("'JOB_COMPLETION_INDEX'=4 of 4 shard(s)"));
    }

    [Test]
    public void AShardCountWithoutAnIndexedJobIsAUsageError()
    {
        var e = Assert.Throws<CliUsageException>(() => RunCommand.ResolveShard(null, "4", Environment()));

        Assert.That(e!.Message, Does.Contain("'JOB_COMPLETION_INDEX', which is not set"));
    }

    [Test]
    public void AGradualPlansRunsCountItsTicketAndItsBranchesAtLevelZero()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("gradual.yaml");
        File.WriteAllText(file, """
            name: tiny-gradual
            model: { name: lenet_300_100, options: { widthMultiplier: 0.1 } }
            dataset: { name: gaussian_blobs, validation: 64 }
            training: { duration: 20it, batchSize: 32, optimizer: adam, learningRate: 0.01, evaluationInterval: 10it }
            pruning: { gradual: { curve: agp, sparsity: 0.8, start: 0.1, end: 0.6, pruneEvery: 2, resetEnd: true } }
            branches: { reinit: random_reinit }
            seed: 1
            """);
        var store = folder.File("store");

        var first = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", store);
        var second = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", store);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString());
            Assert.That(TinyExperimentFile.RunFolders(Directory.GetDirectories(store).Single()), Is.EqualTo(new[]
            {
                "trial_0/level_0/main", "trial_0/level_0/reinit", "trial_0/level_0/ticket",
            }));
            Assert.That(first.Stderr, Does.Contain("(0 of 3 runs already done)"));
            Assert.That(second.Stderr, Does.Contain("(3 of 3 runs already done; resuming)"));
        });
    }

    [Test]
    public void TwoShardsRunOneAfterTheOtherFinishTheExperimentAndTheFirstSaysWhatRemains()
    {
        using var folder = new TemporaryFolder();
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        var store = folder.File("store");

        var first = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", store, "--shard", "0/2");
        var experiment = Directory.GetDirectories(store).Single();
        var afterFirst = TinyExperimentFile.RunFolders(experiment).Length;
        var second = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", store, "--shard", "1/2");

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString());
            Assert.That(afterFirst, Is.InRange(1, TinyExperimentFile.Runs - 1), "the first shard leaves the second shard's runs");
            var remaining = TinyExperimentFile.Runs - afterFirst;
            Assert.That(first.Stderr, Does.Contain(
                $"Shard 0/2 finished its share; {remaining} {(remaining == 1 ? "run of other shards remains" : "runs of other shards remain")}; `lottery report '{experiment}'` when all have finished."));
            Assert.That(first.Stdout, Is.Empty);
            Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.ToString());
            Assert.That(second.Stderr, Does.Contain($"({afterFirst} of {TinyExperimentFile.Runs} runs already done; resuming)"));
            Assert.That(TinyExperimentFile.RunFolders(experiment), Has.Length.EqualTo(TinyExperimentFile.Runs));
            Assert.That(second.Stdout, Is.EqualTo(ExperimentResult.Load(experiment).ToMarkdownTable()));
        });
    }
}
