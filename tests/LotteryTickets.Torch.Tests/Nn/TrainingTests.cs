using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

public class TrainingTests
{
    [Test]
    public void AFewManualSgdStepsReduceTheLossOfASmallMlpOnAFixedBatch()
    {
        using var generator = new Generator(11);
        using var model = new Sequential(
            new Linear(4, 16, generator: generator), new ReLU(), new Linear(16, 3, generator: generator));
        using var x = Tensor.Randn([32, 4], generator).DetachFromScope();
        using var y = Tensor.RandInt(0, 3, [32], generator).DetachFromScope();
        const double lr = 0.5;
        var losses = new List<double>();
        for (var step = 0; step < 30; step++)
        {
            using var scope = DisposeScope.Begin();
            model.ZeroGrad();
            var loss = Functional.CrossEntropy(model.Forward(x), y);
            losses.Add(loss.ToDouble());
            loss.Backward();
            using (Autograd.NoGrad())
            {
                foreach (var p in model.Parameters())
                {
                    p.Sub_(p.Grad!.Mul(lr));
                }
            }
        }

        Assert.That(losses.Zip(losses.Skip(1)).All(pair => pair.Second < pair.First), Is.True, string.Join(", ", losses));
        Assert.That(losses[^1], Is.LessThan(losses[0] * 0.8), string.Join(", ", losses));
    }

    [Test]
    public void AnOptimizerStyleReferenceToAParameterSeesTheModulesConversion()
    {
        using var scope = DisposeScope.Begin();
        using var model = new Linear(2, 2);
        var held = model.Parameters().ToList();
        model.To(ScalarType.Float64);
        var loss = model.Forward(Tensor.Ones([1, 2], ScalarType.Float64)).Sum();
        loss.Backward();
        Assert.That(held.Select(p => p.Grad!.DType), Is.All.EqualTo(ScalarType.Float64));
    }
}
