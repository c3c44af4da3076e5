using LotteryTickets.Results;

namespace LotteryTickets.Tests.Results;

public class RunKeyTests
{
    [Test]
    public void KeysSortByLevelThenBranchWithMainFirstThenTrial()
    {
        RunKey[] keys =
        [
            new(1, 1, "reinit"), new(0, 1, "main"), new(0, 0, "reinit"), new(1, 0, "main"), new(0, 0, "main"), new(0, 1, "a-control"),
        ];

        var sorted = keys.Order().Select(k => (k.Level, k.Branch, k.Trial)).ToArray();

        Assert.That(sorted, Is.EqualTo(new[]
        {
            (0, "main", 0), (0, "main", 1), (0, "reinit", 0), (1, "main", 0), (1, "a-control", 0), (1, "reinit", 1),
        }));
    }

    [Test]
    public void ANegativeTrialIsRejected()
    {
        Assert.That(() => new RunKey(-1, 0, "main"), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("The trial is -1"));
    }

    [Test]
    public void AnEmptyBranchIsRejected()
    {
        Assert.That(() => new RunKey(0, 0, " "), Throws.ArgumentException.With.Message.Contains("The branch name is empty"));
    }
}
