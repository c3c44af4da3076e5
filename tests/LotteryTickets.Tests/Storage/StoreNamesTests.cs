using LotteryTickets.Storage;

namespace LotteryTickets.Tests.Storage;

public class StoreNamesTests
{
    [TestCase("main")]
    [TestCase("reinit")]
    [TestCase("random-prune_2")]
    [TestCase("lenet.300.100")]
    public void OrdinaryNamesAreValid(string name)
    {
        Assert.That(() => StoreNames.ValidateBranchName(name), Throws.Nothing);
    }

    [TestCase("", "must not be empty or blank")]
    [TestCase("  ", "must not be empty or blank")]
    [TestCase("a/b", "must not contain a path separator ('/' or '\\')")]
    [TestCase("a\\b", "must not contain a path separator ('/' or '\\')")]
    [TestCase(".", "must not be '.' or '..'")]
    [TestCase("..", "must not be '.' or '..'")]
    [TestCase("a\0b", "must not contain control characters")]
    [TestCase(" main", "must not start or end with white space")]
    public void ABadBranchNameIsRejectedWithTheRule(string name, string rule)
    {
        Assert.That(
            () => StoreNames.ValidateBranchName(name),
            Throws.ArgumentException.With.Message.Contains($"The branch name '{name}' is invalid: it {rule}"));
    }

    [Test]
    public void TheMessageNamesTheValueTheRuleAndAnExample()
    {
        Assert.That(
            () => StoreNames.ValidateExperimentName("runs/lenet"),
            Throws.ArgumentException.With.Message.StartsWith(
                "The experiment name 'runs/lenet' is invalid: it must not contain a path separator ('/' or '\\'). Choose a name such as 'lenet-imp'."));
    }

    [TestCase("")]
    [TestCase("ab-12")]
    [TestCase("ab/1")]
    public void AHashMustBeLettersAndDigits(string hash)
    {
        Assert.That(() => StoreNames.ValidateHash(hash), Throws.ArgumentException.With.Message.Contains($"The experiment hash '{hash}' is invalid"));
    }

    [Test]
    public void OneRuleExplainsWhatIsWrongAndAllowsLettersOfEveryScriptAndSpaces()
    {
        Assert.That(StoreNames.Explain("lénet 300"), Is.Null);
        Assert.That(StoreNames.Explain("../../escape"), Is.EqualTo("must not contain a path separator ('/' or '\\')"));
        Assert.That(StoreNames.Explain(".."), Is.EqualTo("must not be '.' or '..'"));
    }
}
