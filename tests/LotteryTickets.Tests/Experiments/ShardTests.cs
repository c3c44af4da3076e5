using LotteryTickets.Experiments;

namespace LotteryTickets.Tests.Experiments;

public class ShardTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    [TestCase("0/1", 0, 1)]
    [TestCase("2/3", 2, 3)]
    [TestCase(" 1 / 4 ", 1, 4)]
    public void ParseReadsIndexSlashCount(string text, int index, int count)
    {
        var shard = Shard.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(shard, Is.EqualTo(new Shard(index, count)));
            Assert.That(shard.ToString(), Is.EqualTo($"{index}/{count}"));
        });
    }

    [TestCase("3/3")]
    [TestCase("0/0")]
    [TestCase("-1/3")]
    [TestCase("+1/3")]
    [TestCase("1")]
    [TestCase("1/3/5")]
    [TestCase("a/b")]
    [TestCase("")]
    public void ParseRejectsWhatIsNotAShardNamingTheText(string text)
    {
        var e = Assert.Throws<FormatException>(() => Shard.Parse(text));

        Assert.That(e!.Message, Does.Contain($"The shard '{text}' is not 'index/count'").And.Contain("'0/3'"));
    }

    [Test]
    public void ValidatedRejectsAShardThatDoesNotExist()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Shard(1, 2).Validated(), Is.EqualTo(new Shard(1, 2)));
            Assert.Throws<ArgumentException>(() => new Shard(2, 2).Validated());
            Assert.Throws<ArgumentException>(() => new Shard(0, 0).Validated());
            Assert.Throws<ArgumentException>(() => new Shard(-1, 2).Validated());
        });
    }

    [Test]
    public void WithoutSchedulerVariablesThereIsNoShard() =>
        Assert.That(Shard.FromEnvironment(Environment(), count: 4), Is.Null);

    [Test]
    public void ASlurmArrayTaskIsItsIdLessTheArraysLowestId()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Shard.FromEnvironment(Environment((Shard.SlurmTaskId, "2"), (Shard.SlurmTaskCount, "4"))), Is.EqualTo(new Shard(2, 4)));
            Assert.That(
                Shard.FromEnvironment(Environment((Shard.SlurmTaskId, "12"), (Shard.SlurmTaskMin, "10"), (Shard.SlurmTaskCount, "4"))),
                Is.EqualTo(new Shard(2, 4)));
        });
    }

    [Test]
    public void SlurmWinsOverAnIndexedJobAndIgnoresTheCount()
    {
        var environment = Environment((Shard.SlurmTaskId, "1"), (Shard.SlurmTaskCount, "2"), (Shard.KubernetesIndex, "5"));

        Assert.That(Shard.FromEnvironment(environment, count: 8), Is.EqualTo(new Shard(1, 2)));
    }

    [Test]
    public void ASlurmTaskIdWithoutTheCountNamesTheMissingVariable()
    {
        var e = Assert.Throws<FormatException>(() => Shard.FromEnvironment(Environment((Shard.SlurmTaskId, "1"))));

        Assert.That(e!.Message, Does.Contain("'SLURM_ARRAY_TASK_COUNT' is not"));
    }

    [Test]
    public void ASlurmArrayOfNoTasksIsRejectedWithoutSuggestingAnEmptyRange()
    {
        var e = Assert.Throws<FormatException>(() => Shard.FromEnvironment(Environment((Shard.SlurmTaskId, "0"), (Shard.SlurmTaskCount, "0"))));

        Assert.That(e!.Message, Does.StartWith("'SLURM_ARRAY_TASK_COUNT'=0 says the job array has no tasks").And.Not.Contain("--array=0--1"));
    }

    [Test]
    public void ASlurmIdOutsideTheArrayIsRejected()
    {
        var e = Assert.Throws<FormatException>(() => Shard.FromEnvironment(Environment((Shard.SlurmTaskId, "4"), (Shard.SlurmTaskCount, "4"))));

        Assert.That(e!.Message, Does.Contain("does not exist").And.Contain("--array=0-3"));
    }

    [Test]
    public void AMalformedVariableIsNamed()
    {
        var e = Assert.Throws<FormatException>(() => Shard.FromEnvironment(Environment((Shard.SlurmTaskId, "1"), (Shard.SlurmTaskCount, "two"))));

        Assert.That(e!.Message, Does.Contain("'SLURM_ARRAY_TASK_COUNT' is 'two', not a whole number"));
    }

    [Test]
    public void AnIndexedJobTakesTheCountGivenOrElseTheVariable()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Shard.FromEnvironment(Environment((Shard.KubernetesIndex, "3")), count: 4), Is.EqualTo(new Shard(3, 4)));
            Assert.That(
                Shard.FromEnvironment(Environment((Shard.KubernetesIndex, "3"), (Shard.ShardCountVariable, "5")), count: 4),
                Is.EqualTo(new Shard(3, 4)),
                "the count given wins over the variable");
            Assert.That(Shard.FromEnvironment(Environment((Shard.KubernetesIndex, "0"), (Shard.ShardCountVariable, "2"))), Is.EqualTo(new Shard(0, 2)));
        });
    }

    [Test]
    public void AnIndexedJobWithoutACountSaysWhichVariableToSet()
    {
        var e = Assert.Throws<FormatException>(() => Shard.FromEnvironment(Environment((Shard.KubernetesIndex, "0"))));

        Assert.That(e!.Message, Does.Contain("'JOB_COMPLETION_INDEX' is set but the number of shards is not known").And.Contain("'LOTTERYTICKETS_SHARD_COUNT'"));
    }

    [Test]
    public void AnIndexedJobIndexOutsideTheCountIsRejected()
    {
        var e = Assert.Throws<FormatException>(() => Shard.FromEnvironment(Environment((Shard.KubernetesIndex, "4")), count: 4));

        Assert.That(e!.Message, Does.Contain("does not exist"));
    }
}
