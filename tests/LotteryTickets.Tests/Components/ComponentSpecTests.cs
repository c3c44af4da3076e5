using LotteryTickets.Components;

namespace LotteryTickets.Tests.Components;

public class ComponentSpecTests
{
    [Test]
    public void ANameWithOptionsIsReadIntoTheNameAndTheOptionsInOrder()
    {
        var spec = ComponentSpec.Parse(" snip( samplesPerClass = 20 , dataVariant=random_labels ) ");

        Assert.Multiple(() =>
        {
            Assert.That(spec.Name, Is.EqualTo("snip"));
            Assert.That(spec.Options, Is.EqualTo(new KeyValuePair<string, string>[] { new("samplesPerClass", "20"), new("dataVariant", "random_labels") }));
            Assert.That(spec.ToString(), Is.EqualTo("snip(samplesPerClass=20, dataVariant=random_labels)"));
            Assert.That(ComponentSpec.Parse("large_final").Options, Is.Empty);
        });
    }

    [TestCase("snip(samplesPerClass=20", "'snip(samplesPerClass=20' has unbalanced parentheses; write a component as 'name' or 'name(key=value, ...)', e.g. 'snip(samplesPerClass=20)'.")]
    [TestCase("snip)", "'snip)' has a ')' without a '('; write a component as 'name' or 'name(key=value, ...)', e.g. 'snip(samplesPerClass=20)'.")]
    [TestCase("snip(rounds=1)x", "'snip(rounds=1)x' has text after the closing ')'; write a component as 'name' or 'name(key=value, ...)', e.g. 'snip(samplesPerClass=20)'.")]
    [TestCase("synflow(rounds)", "the option 'rounds' in 'synflow(rounds)' has no value; write 'key=value', e.g. 'synflow(rounds=...)'.")]
    public void MalformedTextSaysHowToWriteIt(string text, string error)
    {
        Assert.That(ComponentSpec.TryParse(text, out _, out var message), Is.False);
        Assert.That(message, Is.EqualTo(error));
        Assert.That(() => ComponentSpec.Parse(text), Throws.TypeOf<FormatException>().With.Message.EqualTo(error));
    }

    [Test]
    public void AChainIsSplitAtCommasOutsideParentheses() =>
        Assert.That(
            ComponentSpec.SplitChain("signed_constant, smart_ratio(linearKeepRatio=0.05, residual=true) ,freeze_init"),
            Is.EqualTo(new[] { "signed_constant", "smart_ratio(linearKeepRatio=0.05, residual=true)", "freeze_init" }));
}
