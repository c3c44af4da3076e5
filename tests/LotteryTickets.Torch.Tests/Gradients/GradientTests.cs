using LotteryTickets.Torch.Tests.Support;

namespace LotteryTickets.Torch.Tests.Gradients;

/// <summary>Autograd's gradient of every differentiable op equals central finite differences in float64.</summary>
public class GradientTests
{
    public static IEnumerable<TestCaseData> CaseNames() =>
        GradientCases.ByName.Keys.Order(StringComparer.Ordinal).Select(n => new TestCaseData(n).SetArgDisplayNames(n));

    [TestCaseSource(nameof(CaseNames))]
    public void TheGradientMatchesFiniteDifferences(string name)
    {
        using var scope = DisposeScope.Begin();
        var (f, inputs) = GradientCases.ByName[name];
        GradientCheck.Assert(f, inputs.Select(i => i.ToTensor()).ToArray());
    }

    [Test]
    public void TheCheckCatchesAWrongGradient()
    {
        using var scope = DisposeScope.Begin();
        // d/dx (detach(x)·x) is x for autograd, but the function's true derivative is 2x.
        var x = Tensor.FromArray(new[] { 0.5, -1.5, 2.0 });
        var result = GradientCheck.Check(t => t[0].Detach().Mul(t[0]), GradientCheckOptions.Default, x);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Numerical, Is.EqualTo(2 * result.Analytical).Within(1e-6));
        Assert.That(result.ToString(), Does.StartWith("Gradients differ: worst element is input 0 at ["));
    }

    [Test]
    public void TheCheckReportsTheWorstElementOfAGoodGradient()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray(new[] { 0.5, -1.5, 2.0, 1.0 }, 2, 2);
        var result = GradientCheck.Check(t => t[0].Exp(), GradientCheckOptions.Default, x);
        Assert.That(result.Passed, Is.True);
        Assert.That(result.Checked, Is.EqualTo(4));
        Assert.That(result.ErrorOverTolerance, Is.LessThan(1e-2));
    }

    [Test]
    public void TheCheckRejectsSinglePrecisionInputs()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray(new[] { 0.5f, 1.5f });
        var ex = Assert.Throws<ArgumentException>(() => GradientCheck.Check(t => t[0].Exp(), GradientCheckOptions.Default, x));
        Assert.That(ex!.Message, Does.Contain("Float64"));
    }
}
