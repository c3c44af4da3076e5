using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

public class TrainingDurationTests
{
    [TestCase("50ep", 50, DurationUnit.Epochs)]
    [TestCase("5000it", 5000, DurationUnit.Iterations)]
    [TestCase(" 7IT ", 7, DurationUnit.Iterations)]
    [TestCase("0it", 0, DurationUnit.Iterations)]
    public void DurationsAreReadAsOpenLthWritesThem(string text, long count, DurationUnit unit)
    {
        Assert.That(TrainingDuration.Parse(text), Is.EqualTo(new TrainingDuration(count, unit)));
    }

    [TestCase("50")]
    [TestCase("ep")]
    [TestCase("-5it")]
    [TestCase("5.5ep")]
    [TestCase("5 epochs")]
    [TestCase("")]
    public void BadTextIsRefusedWithAMessageShowingTheExpectedForm(string text)
    {
        var ex = Assert.Throws<FormatException>(() => TrainingDuration.Parse(text));
        Assert.That(ex!.Message, Is.EqualTo(
            $"The training duration '{text}' is not valid: write a whole number of at least 0 followed by 'it' for iterations or 'ep' for epochs, for example '5000it' or '50ep'."));
        Assert.That(TrainingDuration.TryParse(text, out _), Is.False);
    }

    [Test]
    public void ADurationIsWrittenAsItIsRead()
    {
        Assert.That(TrainingDuration.Epochs(50).ToString(), Is.EqualTo("50ep"));
        Assert.That(TrainingDuration.Iterations(5000).ToString(), Is.EqualTo("5000it"));
        Assert.That(TrainingDuration.Parse(TrainingDuration.Epochs(3).ToString()), Is.EqualTo(TrainingDuration.Epochs(3)));
    }

    [Test]
    public void EpochsBecomeIterationsByTheBatchesPerEpoch()
    {
        Assert.That(TrainingDuration.Epochs(3).ToIterations(10), Is.EqualTo(30));
        Assert.That(TrainingDuration.Iterations(17).ToIterations(10), Is.EqualTo(17));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingDuration.Epochs(1).ToIterations(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingDuration.Iterations(-1));
    }
}
