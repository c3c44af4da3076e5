using System.Text.Json.Nodes;
using LotteryTickets.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training.Optimizers;

/// <summary>
/// TorchSharp's SGD, Adam, AdamW, RMSprop and Adagrad against PyTorch 1.13's torch.optim: the same float64 initial weights and the same
/// gradients (some missing, so parameters are skipped) for five steps.
/// </summary>
public class OptimizerReferenceTests
{
    private static readonly long[][] Shapes = [[2, 3], [3], [2, 2]];
    private static readonly Dictionary<string, (string Kind, JsonObject Torch, Func<Parameter[], optim.Optimizer> Create)> Cases = new()
    {
        ["sgd_plain"] = ("sgd", new() { ["lr"] = 0.1 }, p => optim.SGD(p, 0.1)),
        ["sgd_momentum_dampening"] = (
            "sgd", new() { ["lr"] = 0.05, ["momentum"] = 0.9, ["dampening"] = 0.1 },
            p => optim.SGD(p, 0.05, momentum: 0.9, dampening: 0.1)),
        ["sgd_nesterov_weight_decay"] = (
            "sgd", new() { ["lr"] = 0.05, ["momentum"] = 0.9, ["nesterov"] = true, ["weight_decay"] = 0.01 },
            p => optim.SGD(p, 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.01)),
        ["sgd_momentum_weight_decay"] = (
            "sgd", new() { ["lr"] = 0.1, ["momentum"] = 0.9, ["weight_decay"] = 0.05 },
            p => optim.SGD(p, 0.1, momentum: 0.9, weight_decay: 0.05)),
        ["sgd_maximize"] = (
            "sgd", new() { ["lr"] = 0.1, ["momentum"] = 0.5, ["maximize"] = true },
            p => optim.SGD(p, 0.1, momentum: 0.5, maximize: true)),
        ["adam"] = ("adam", new() { ["lr"] = 0.01 }, p => optim.Adam(p, 0.01)),
        ["adam_weight_decay_amsgrad"] = (
            "adam", new() { ["lr"] = 0.02, ["betas"] = new JsonArray(0.8, 0.95), ["eps"] = 1e-6, ["weight_decay"] = 0.1, ["amsgrad"] = true },
            p => optim.Adam(p, 0.02, beta1: 0.8, beta2: 0.95, eps: 1e-6, weight_decay: 0.1, amsgrad: true)),
        ["adamw"] = (
            "adamw", new() { ["lr"] = 0.01, ["weight_decay"] = 0.05 },
            p => optim.AdamW(p, 0.01, weight_decay: 0.05)),
        ["adamw_amsgrad_maximize"] = (
            "adamw", new() { ["lr"] = 0.03, ["betas"] = new JsonArray(0.85, 0.99), ["weight_decay"] = 0.2, ["amsgrad"] = true, ["maximize"] = true },
            p => optim.AdamW(p, 0.03, beta1: 0.85, beta2: 0.99, weight_decay: 0.2, amsgrad: true, maximize: true)),
        ["rmsprop"] = ("rmsprop", new() { ["lr"] = 0.01 }, p => optim.RMSProp(p, 0.01)),
        ["rmsprop_momentum_centered_weight_decay"] = (
            "rmsprop", new() { ["lr"] = 0.02, ["alpha"] = 0.9, ["eps"] = 1e-6, ["momentum"] = 0.5, ["centered"] = true, ["weight_decay"] = 0.1 },
            p => optim.RMSProp(p, 0.02, alpha: 0.9, eps: 1e-6, momentum: 0.5, centered: true, weight_decay: 0.1)),
        ["adagrad"] = ("adagrad", new() { ["lr"] = 0.05 }, p => optim.Adagrad(p, 0.05)),
        ["adagrad_decay_accumulator_weight_decay"] = (
            "adagrad", new() { ["lr"] = 0.05, ["lr_decay"] = 0.1, ["initial_accumulator_value"] = 0.2, ["eps"] = 1e-8, ["weight_decay"] = 0.05 },
            p => optim.Adagrad(p, 0.05, lr_decay: 0.1, initial_accumulator_value: 0.2, eps: 1e-8, weight_decay: 0.05)),
    };

    private static readonly double[][] Initial = MakeInitial();
    private static readonly double[]?[][] Grads = MakeGrads();
    private static JsonObject? reference;

    public static IEnumerable<string> CaseNames => Cases.Keys;

    [OneTimeSetUp]
    public void ComputeReference()
    {
        var problems = new JsonObject();
        foreach (var (name, c) in Cases)
        {
            problems[name] = new JsonObject
            {
                ["optimizer"] = c.Kind,
                ["options"] = c.Torch.DeepClone(),
                ["params"] = new JsonArray([.. Shapes.Select((s, i) => (JsonNode)new JsonObject
                {
                    ["shape"] = new JsonArray([.. s.Select(d => (JsonNode)d)]),
                    ["values"] = new JsonArray([.. Initial[i].Select(v => (JsonNode)v)]),
                })]),
                ["grads"] = new JsonArray([.. Grads.Select(step => (JsonNode)new JsonArray(
                    [.. step.Select(g => g is null ? null : (JsonNode)new JsonArray([.. g.Select(v => (JsonNode)v)]))]))]),
            };
        }

        reference = JsonNode.Parse(Python.Run("reference_optimizers.py", problems.ToJsonString()))!.AsObject();
    }

    [TestCaseSource(nameof(CaseNames))]
    public void StepsMatchTorchOptimOnTheSameGradients(string name)
    {
        var parameters = Shapes.Select((s, i) => RegressionProblem.Owned(torch.tensor(Initial[i], s))).ToArray();
        using var optimizer = Cases[name].Create(parameters);
        var expected = reference![name]!.AsArray();
        for (var step = 0; step < Grads.Length; step++)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].grad = Grads[step][i] is { } g ? torch.tensor(g, Shapes[i]) : null;
            }

            optimizer.step();
            for (var i = 0; i < parameters.Length; i++)
            {
                var want = expected[step]![i]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                Assert.That(RegressionProblem.Values(parameters[i]), Is.EqualTo(want).Within(1e-12), $"{name}: step {step}, parameter {i}");
            }
        }

        foreach (var p in parameters)
        {
            p.Dispose();
        }
    }

    private static double[][] MakeInitial()
    {
        var random = new Random(1234);
        return [.. Shapes.Select(s => Enumerable.Range(0, (int)s.Aggregate(1L, (a, b) => a * b)).Select(_ => (random.NextDouble() * 2) - 1).ToArray())];
    }

    private static double[]?[][] MakeGrads()
    {
        var random = new Random(99);
        var grads = new double[]?[5][];
        for (var step = 0; step < grads.Length; step++)
        {
            grads[step] = new double[]?[Shapes.Length];
            for (var i = 0; i < Shapes.Length; i++)
            {
                // Parameter 1 gets its first gradient at step 2; parameter 2 has none at steps 1 and 3.
                var skipped = (i == 1 && step < 2) || (i == 2 && step is 1 or 3);
                var n = (int)Shapes[i].Aggregate(1L, (a, b) => a * b);
                grads[step][i] = skipped ? null : [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 4) - 2)];
            }
        }

        return grads;
    }
}
