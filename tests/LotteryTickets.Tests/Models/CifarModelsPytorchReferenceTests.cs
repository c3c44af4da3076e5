using System.Globalization;
using System.Text.Json;
using LotteryTickets.Datasets;
using LotteryTickets.Models;
using LotteryTickets.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Models;

/// <summary>
/// The zoo's VGG and ResNet against the same networks written independently in PyTorch
/// (<c>Python/zoo_reference.py</c>): names, shapes and counts of parameters and buffers, the initialization
/// drawn from the same seed (also for LeNet-300-100, LeNet-5 and Conv-4, whose layers keep PyTorch's defaults),
/// and the logits and batch-norm statistics on the same weights (as safetensors).
/// </summary>
public sealed class CifarModelsPytorchReferenceTests
{
    private static readonly SampleShape Cifar = new(3, 32, 32);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<string> Describe(IEnumerable<(string Name, Tensor Tensor)> tensors) =>
        tensors.Select(t => $"{t.Name} [{string.Join(", ", t.Tensor.shape)}]").ToList();

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
            Assert.That(Describe(model.named_parameters().Select(p => (p.name, (Tensor)p.parameter))), Is.EqualTo(Describe(expected.GetProperty("parameters"))), label);
            Assert.That(Describe(model.named_buffers().Select(b => (b.name, b.buffer))), Is.EqualTo(Describe(expected.GetProperty("buffers"))), label);
            Assert.That(
                model.parameters().Sum(p => p.shape.Aggregate(1L, (a, b) => a * b)), Is.EqualTo(expected.GetProperty("count").GetInt64()), label);
        }
    }

    [TestCase("vgg11")]
    [TestCase("resnet20")]
    [TestCase("lenet300_100")]
    [TestCase("lenet5")]
    [TestCase("conv4")]
    public void TheInitializationFromASeedEqualsPyTorchsBitForBit(string name)
    {
        const ulong seed = 20200923;
        using var folder = new TemporaryFolder();
        using var scope = NewDisposeScope();
        PythonReference.Run("zoo_reference.py", "init", name, "0.125", "10", "3", "32", "32", seed.ToString(CultureInfo.InvariantCulture), folder.Path);
        var reference = SafeTensors.Load(folder.File("init.safetensors"));
        using var model = ModelZoo.Create(name, Cifar, 10, seed, widthMultiplier: 0.125);
        var ours = model.state_dict();
        Assert.That(ours.Keys, Is.EquivalentTo(reference.Keys));
        foreach (var (key, tensor) in ours)
        {
            Assert.That(tensor.IsSameAs(reference[key]), Is.True, $"{key} differs from PyTorch's");
        }
    }

    [TestCase("vgg11")]
    [TestCase("resnet20")]
    public void EvaluationAndTrainingForwardPassesEqualPyTorchsOnTheSameWeights(string name)
    {
        using var folder = new TemporaryFolder();
        using var scope = NewDisposeScope();
        using var generator = new Generator(77);
        using var model = ModelZoo.Create(name, Cifar, 10, generator, widthMultiplier: 0.25);

        // Batch norms that are not the identity, so that evaluation uses non-trivial running statistics.
        using (torch.no_grad())
        {
            foreach (var norm in model.modules().OfType<BatchNorm>())
            {
                norm.weight!.copy_(torch.rand(norm.weight.shape, generator: generator).add(0.5));
                norm.bias!.copy_(torch.randn(norm.bias!.shape, generator: generator).mul(0.1));
                norm.running_mean!.copy_(torch.randn(norm.running_mean!.shape, generator: generator).mul(0.1));
                norm.running_var!.copy_(torch.rand(norm.running_var!.shape, generator: generator).add(0.5));
            }
        }

        var input = torch.randn([4, 3, 32, 32], generator: generator);
        SafeTensors.Save(folder.File("state.safetensors"), model.state_dict());
        SafeTensors.Save(folder.File("input.safetensors"), new Dictionary<string, Tensor> { ["input"] = input });
        PythonReference.Run("zoo_reference.py", "forward", name, "0.25", "10", "3", "32", "32", folder.Path);
        var reference = SafeTensors.Load(folder.File("torch.safetensors"));

        Tensor evaluation, training;
        using (no_grad())
        {
            model.eval();
            evaluation = model.call(input);
            model.train();
            training = model.call(input);
        }

        Assert.That(evaluation.allclose(reference["eval"], 1e-4, 1e-5), Is.True, $"evaluation logits: max |Δ| {evaluation.sub(reference["eval"]).abs().max().ToDouble()}");
        Assert.That(training.allclose(reference["train"], 1e-4, 1e-5), Is.True, $"training logits: max |Δ| {training.sub(reference["train"]).abs().max().ToDouble()}");
        Assert.That(evaluation.allclose(training, 1e-2, 1e-3), Is.False, "the two modes normalize differently");
        foreach (var (key, buffer) in model.named_buffers())
        {
            var expected = reference["after." + key];
            Assert.That(
                buffer.dtype == ScalarType.Int64 ? buffer.IsSameAs(expected) : buffer.allclose(expected, 1e-4, 1e-6), Is.True, $"{key} after one training pass");
        }
    }
}
