using LotteryTickets.Cli.Experiments;

namespace LotteryTickets.Cli.Tests.Experiments;

public class RewindSettingTests
{
    [TestCase("init", RewindKind.Init, 0)]
    [TestCase(" Init ", RewindKind.Init, 0)]
    [TestCase("none", RewindKind.None, 0)]
    [TestCase("lr", RewindKind.LearningRate, 0)]
    [TestCase("iteration:500", RewindKind.Iteration, 500)]
    [TestCase("epoch:2", RewindKind.Epoch, 2)]
    public void TheWrittenFormsAreRead(string text, RewindKind kind, long point)
    {
        Assert.Multiple(() =>
        {
            Assert.That(RewindSetting.TryParse(text, out var setting), Is.True);
            Assert.That(setting, Is.EqualTo(new RewindSetting(kind, point)));
        });
    }

    [TestCase("epoch")]
    [TestCase("epoch:-1")]
    [TestCase("iteration:k")]
    [TestCase("step:3")]
    [TestCase("")]
    public void OtherTextIsNotARewindPoint(string text) => Assert.That(RewindSetting.TryParse(text, out _), Is.False);

    [Test]
    public void ASettingIsWrittenAsItIsRead() =>
        Assert.That(new[] { "init", "none", "lr", "iteration:7", "epoch:1" }.Select(t => RewindSetting.TryParse(t, out var s) ? s.ToString() : null), Is.EqualTo(new[] { "init", "none", "lr", "iteration:7", "epoch:1" }));
}
