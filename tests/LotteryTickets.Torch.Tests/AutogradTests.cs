using LotteryTickets.Torch;

namespace LotteryTickets.Torch.Tests;

public class AutogradTests
{
    [Test]
    public void BackwardOfASumOfSquaresGivesTwiceTheInput()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray(new double[] { 1, -2, 3 }).RequiresGrad_();
        x.Square().Sum().Backward();
        Assert.That(x.Grad!.ToArray<double>(), Is.EqualTo(new double[] { 2, -4, 6 }));
    }

    [Test]
    public void SecondOrderGradientsGiveAHessianVectorProduct()
    {
        using var scope = DisposeScope.Begin();
        // f(x) = sum(x^3); grad = 3x^2; Hessian = diag(6x); H v = 6 x v.
        var x = Tensor.FromArray(new double[] { 1, 2, -1 }).RequiresGrad_();
        var v = Tensor.FromArray(new double[] { 0.5, -1, 2 });
        var g = Autograd.Grad(x.Pow(3).Sum(), x, createGraph: true);
        var hv = Autograd.Grad([g.Mul(v).Sum()], [x])[0]!;
        Assert.That(hv.ToArray<double>(), Is.EqualTo(new double[] { 3, -12, -12 }).Within(1e-12));
    }

    [Test]
    public void NoGradStopsRecordingAndRestoresTheMode()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([2]).RequiresGrad_();
        using (Autograd.NoGrad())
        {
            Assert.That(Autograd.IsGradEnabled, Is.False);
            Assert.That(x.Mul(2).RequiresGrad, Is.False);
        }

        Assert.That(Autograd.IsGradEnabled, Is.True);
        Assert.That(x.Mul(2).RequiresGrad, Is.True);
    }

    [Test]
    public void BackwardOnANonScalarWithoutAGradientIsAClearError()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([3]).RequiresGrad_();
        var ex = Assert.Throws<TorchException>(() => x.Mul(2).Backward());
        Assert.That(ex!.Message, Does.StartWith("Backward failed:").And.Contain("scalar"));
    }
}
