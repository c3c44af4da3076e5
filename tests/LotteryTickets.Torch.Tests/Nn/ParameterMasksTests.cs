using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

public class ParameterMasksTests
{
    private static uint[] Bits(Tensor t) => t.ToArray<float>().Select(BitConverter.SingleToUInt32Bits).ToArray();

    [Test]
    public void PrunedWeightsBecomeExactlyPositiveZeroAndKeptOnesStayAsTheyWere()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(3);
        var contiguous = Tensor.Randn([7, 5], g).RequiresGrad_();
        var strided = Tensor.Randn([5, 7], g).T().RequiresGrad_(); // a non-contiguous view takes the ATen path
        var masks = new[] { Tensor.Rand([7, 5], g).Lt(0.5).To(ScalarType.Float32), Tensor.Rand([7, 5], g).Lt(0.5).To(ScalarType.Float32) };
        var expected = new[] { contiguous, strided }.Select((p, i) => p.Detach().Mul(masks[i]).Add(0.0)).ToArray();
        var versionsBefore = new[] { contiguous, strided }.Select(p => p.ToArray<float>()).ToArray();

        ParameterMasks.ZeroPruned([contiguous, strided], masks);

        Assert.Multiple(() =>
        {
            Assert.That(strided.IsContiguous, Is.False);
            for (var i = 0; i < 2; i++)
            {
                var p = i == 0 ? contiguous : strided;
                Assert.That(Bits(p), Is.EqualTo(Bits(expected[i])), $"parameter {i}");
                var kept = masks[i].ToArray<float>();
                Assert.That(p.ToArray<float>().Where((_, j) => kept[j] == 0).Select(BitConverter.SingleToUInt32Bits), Is.All.EqualTo(0u));
                Assert.That(p.ToArray<float>().Where((_, j) => kept[j] == 1), Is.EqualTo(versionsBefore[i].Where((_, j) => kept[j] == 1)));
            }
        });
    }

    [Test]
    public void GradientsAreMaskedAndParametersWithoutOneAreSkipped()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(4);
        var withGrad = Tensor.Randn([4, 3], g).RequiresGrad_();
        var withoutGrad = Tensor.Randn([2, 2], g).RequiresGrad_();
        withGrad.Mul(2.0).Sum().Backward();
        var masks = new[] { Tensor.Rand([4, 3], g).Lt(0.5).To(ScalarType.Float32), Tensor.Ones([2, 2]) };

        ParameterMasks.MaskGradients([withGrad, withoutGrad], masks);

        using var grad = withGrad.Grad!;
        Assert.That(grad.ToArray<float>(), Is.EqualTo(masks[0].ToArray<float>().Select(k => 2f * k)));
        Assert.That(withoutGrad.Grad, Is.Null);
    }

    [Test]
    public void AMaskOfAnotherShapeOrDtypeIsANamedErrorAndCountsMustMatch()
    {
        using var scope = DisposeScope.Begin();
        var p = Tensor.Zeros([3, 3]).RequiresGrad_();

        var shape = Assert.Throws<TorchException>(() => ParameterMasks.ZeroPruned([p], [Tensor.Ones([3, 2])]));
        var dtype = Assert.Throws<TorchException>(() => ParameterMasks.ZeroPruned([p], [Tensor.Ones([3, 3], ScalarType.Float64)]));
        var count = Assert.Throws<ArgumentException>(() => ParameterMasks.ZeroPruned([p], []));

        Assert.Multiple(() =>
        {
            Assert.That(shape!.Message, Does.Contain("ZeroPruned").And.Contain("the mask 0 has shape [3, 2] but the parameter has shape [3, 3]"));
            Assert.That(dtype!.Message, Does.Contain("must have the parameter's dtype and device"));
            Assert.That(count!.Message, Does.Contain("1 parameters but 0 masks"));
        });
    }
}
