using System.Globalization;
using System.Text.Json;
using LotteryTickets.Datasets;
using LotteryTickets.Models;
using LotteryTickets.Tests.Support;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;
using LotteryTickets.Torch.Serialization;

namespace LotteryTickets.Tests.Models;

/// <summary>
/// The zoo's VGG and ResNet against the same networks written independently in PyTorch
/// (<c>Python/zoo_reference.py</c>): names, shapes and counts of parameters and buffers, the initialization
/// drawn from the same seed, and the logits and batch-norm statistics on the same weights (as safetensors).
/// </summary>
public sealed class CifarModelsPytorchReferenceTests
{
    private static readonly SampleShape Cifar = new(3, 32, 32);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<string> Describe(IEnumerable<(string Name, Tensor Tensor)> tensors) =>
        tensors.Select(t => $"{t.Name} [{string.Join(", ", t.Tensor.Shape)}]").ToList();

    private static List<string> Describe(JsonElement list) =>
        list.EnumerateArray().Select(e => $"{e[0].GetString()} [{string.Join(", ", e[1].EnumerateArray().Select(d => d.GetInt64()))}]").ToList();

    [Test]
    public void ParameterAndBufferNamesShapesAndCountsEqualPyTorchs()
    {
        (string Name, double Width)[] specs =
        [
            ("vgg11", 1), ("vgg16", 1), ("vgg19", 1), ("resnet20", 1), ("resnet32", 1), ("resnet56", 1),
            ("vgg19", 0.125), ("resnet56", 0.125), ("resnet32", 2),
        ];
        var output = PythonReference.Run(
            "zoo_reference.py", ["describe", "10", "3", "32", "32", .. specs.Select(s => $"{s.Name}:{Invariant(s.Width)}")]);
        using var reference = JsonDocument.Parse(output);
        foreach (var (name, width) in specs)
        {
            var expected = reference.RootElement.GetProperty($"{name}:{Invariant(width)}");
            using var model = ModelZoo.Create(name, Cifar, 10, seed: 1, widthMultiplier: width);
            var label = $"{name} at width {width}";
            Assert.That(Describe(model.NamedParameters()), Is.EqualTo(Describe(expected.GetProperty("parameters"))), label);
            Assert.That(Describe(model.NamedBuffers()), Is.EqualTo(Describe(expected.GetProperty("buffers"))), label);
            Assert.That(
                model.Parameters().Sum(p => p.Shape.Aggregate(1L, (a, b) => a * b)), Is.EqualTo(expected.GetProperty("count").GetInt64()), label);
        }
    }

    [TestCase("vgg11")]
    [TestCase("resnet20")]
    public void TheInitializationFromASeedEqualsPyTorchsBitForBit(string name)
    {
        const ulong seed = 20200923;
        using var folder = new TemporaryFolder();
        using var scope = DisposeScope.Begin();
        PythonReference.Run("zoo_reference.py", "init", name, "0.125", "10", "3", "32", "32", seed.ToString(CultureInfo.InvariantCulture), folder.Path);
        var reference = SafeTensors.Load(folder.File("init.safetensors"));
        using var model = ModelZoo.Create(name, Cifar, 10, seed, widthMultiplier: 0.125);
        var ours = model.StateDict();
        Assert.That(ours.Keys, Is.EquivalentTo(reference.Keys));
        foreach (var (key, tensor) in ours)
        {
            Assert.That(tensor.Equal(reference[key]), Is.True, $"{key} differs from PyTorch's");
        }
    }

    [TestCase("vgg11")]
    [TestCase("resnet20")]
    public void EvaluationAndTrainingForwardPassesEqualPyTorchsOnTheSameWeights(string name)
    {
        using var folder = new TemporaryFolder();
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(77);
        using var model = ModelZoo.Create(name, Cifar, 10, generator, widthMultiplier: 0.25);

        // Batch norms that are not the identity, so that evaluation uses non-trivial running statistics.
        using (Autograd.NoGrad())
        {
            foreach (var norm in model.Modules().OfType<BatchNorm>())
            {
                norm.Weight!.CopyFrom_(Tensor.Rand(norm.Weight.Shape, generator).Add(0.5));
                norm.Bias!.CopyFrom_(Tensor.Randn(norm.Bias.Shape, generator).Mul(0.1));
                norm.RunningMean!.CopyFrom_(Tensor.Randn(norm.RunningMean.Shape, generator).Mul(0.1));
                norm.RunningVar!.CopyFrom_(Tensor.Rand(norm.RunningVar.Shape, generator).Add(0.5));
            }
        }

        var input = Tensor.Randn([4, 3, 32, 32], generator);
        SafeTensors.Save(folder.File("state.safetensors"), model.StateDict());
        SafeTensors.Save(folder.File("input.safetensors"), new Dictionary<string, Tensor> { ["input"] = input });
        PythonReference.Run("zoo_reference.py", "forward", name, "0.25", "10", "3", "32", "32", folder.Path);
        var reference = SafeTensors.Load(folder.File("torch.safetensors"));

        Tensor evaluation, training;
        using (Autograd.NoGrad())
        {
            model.Eval();
            evaluation = model.Forward(input);
            model.Train();
            training = model.Forward(input);
        }

        Assert.That(evaluation.AllClose(reference["eval"], 1e-4, 1e-5), Is.True, $"evaluation logits: max |Δ| {evaluation.Sub(reference["eval"]).Abs().Max().ToDouble()}");
        Assert.That(training.AllClose(reference["train"], 1e-4, 1e-5), Is.True, $"training logits: max |Δ| {training.Sub(reference["train"]).Abs().Max().ToDouble()}");
        Assert.That(evaluation.AllClose(training, 1e-2, 1e-3), Is.False, "the two modes normalize differently");
        foreach (var (key, buffer) in model.NamedBuffers())
        {
            var expected = reference["after." + key];
            Assert.That(
                buffer.DType == ScalarType.Int64 ? buffer.Equal(expected) : buffer.AllClose(expected, 1e-4, 1e-6), Is.True, $"{key} after one training pass");
        }
    }
}
