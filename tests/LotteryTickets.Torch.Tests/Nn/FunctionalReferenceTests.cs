using System.Text.Json.Nodes;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

/// <summary>Our functional results against PyTorch's on the same float64 inputs, to 1e-10.</summary>
public class FunctionalReferenceTests
{
    private const double Tolerance = 1e-10;
    private readonly List<Case> cases = [];
    private JsonObject reference = null!;

    [OneTimeSetUp]
    public void AskPyTorch()
    {
        var random = new Random(20240601);
        AddConvCases(random);
        AddPoolCases(random);
        AddBatchNormCases(random);
        AddSoftmaxCases(random);
        AddLossCases(random);

        var request = new JsonArray();
        using (DisposeScope.Begin())
        {
            foreach (var c in cases)
            {
                var tensors = new JsonObject();
                foreach (var (name, input) in c.Inputs)
                {
                    tensors[name] = NnPython.Encode(input.ToTensor());
                }

                request.Add(new JsonObject { ["name"] = c.Name, ["op"] = c.Op, ["tensors"] = tensors, ["args"] = c.Args.DeepClone() });
            }
        }

        reference = NnPython.Run(new JsonObject { ["cases"] = request });
    }

    [TestCase("linear", TestName = "LinearMatchesPyTorch")]
    [TestCase("conv2d", TestName = "Conv2dWithStridePaddingDilationAndGroupsMatchesPyTorch")]
    [TestCase("max_pool2d", TestName = "MaxPool2dMatchesPyTorch")]
    [TestCase("avg_pool2d", TestName = "AvgPool2dMatchesPyTorch")]
    [TestCase("adaptive_avg_pool2d", TestName = "AdaptiveAvgPool2dMatchesPyTorch")]
    [TestCase("batch_norm", TestName = "BatchNormOutputsAndUpdatedRunningStatsMatchPyTorch")]
    [TestCase("softmax", TestName = "SoftmaxMatchesPyTorch")]
    [TestCase("log_softmax", TestName = "LogSoftmaxMatchesPyTorch")]
    [TestCase("cross_entropy", TestName = "CrossEntropyWithEveryReductionAndLabelSmoothingMatchesPyTorch")]
    [TestCase("nll_loss", TestName = "NllLossWithEveryReductionMatchesPyTorch")]
    [TestCase("mse_loss", TestName = "MseLossWithEveryReductionMatchesPyTorch")]
    public void MatchesPyTorch(string op)
    {
        var ofOp = cases.Where(c => c.Op == op).ToList();
        Assert.That(ofOp, Is.Not.Empty);
        foreach (var c in ofOp)
        {
            using var scope = DisposeScope.Begin();
            var inputs = c.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value.ToTensor());
            var ours = Compute(c, inputs);
            var theirs = reference[c.Name]!.AsObject();
            Assert.That(ours.Keys, Is.EquivalentTo(theirs.Select(kv => kv.Key)), c.Name);
            foreach (var (name, tensor) in ours)
            {
                Assert.That(tensor.Shape, Is.EqualTo(NnPython.Shape(theirs[name]!)), $"{c.Name}: shape of {name}");
                Assert.That(tensor.DType, Is.EqualTo(ScalarType.Float64), $"{c.Name}: dtype of {name}");
                Assert.That(
                    tensor.ToArray<double>(), Is.EqualTo(NnPython.Doubles(theirs[name]!)).Within(Tolerance), $"{c.Name}: {name}");
            }
        }
    }

    private static Dictionary<string, Tensor> Compute(Case c, Dictionary<string, Tensor> t)
    {
        var a = JsonNode.Parse(c.Args.ToJsonString())!.AsObject();
        var x = t["x"];
        switch (c.Op)
        {
            case "linear":
                return Out(Functional.Linear(x, t["w"], t.GetValueOrDefault("b")));
            case "conv2d":
                return Out(Functional.Conv2d(
                    x, t["w"], t.GetValueOrDefault("b"), Size(a["stride"]), Size(a["padding"])!.Value, Size(a["dilation"]),
                    a["groups"]!.GetValue<long>()));
            case "max_pool2d":
                return Out(Functional.MaxPool2d(
                    x, Size(a["kernel"])!.Value, Size(a["stride"]), Size(a["padding"])!.Value, Size(a["dilation"]),
                    a["ceil_mode"]!.GetValue<bool>()));
            case "avg_pool2d":
                return Out(Functional.AvgPool2d(
                    x, Size(a["kernel"])!.Value, Size(a["stride"]), Size(a["padding"])!.Value, a["ceil_mode"]!.GetValue<bool>(),
                    a["count_include_pad"]!.GetValue<bool>(), a["divisor_override"]?.GetValue<long>()));
            case "adaptive_avg_pool2d":
                var size = Size(a["size"])!.Value;
                return Out(Functional.AdaptiveAvgPool2d(x, size.Height, size.Width));
            case "batch_norm":
                var mean = t["running_mean"];
                var variance = t["running_var"];
                var y = Functional.BatchNorm(
                    x, mean, variance, t.GetValueOrDefault("w"), t.GetValueOrDefault("b"), a["training"]!.GetValue<bool>(),
                    a["momentum"]!.GetValue<double>(), a["eps"]!.GetValue<double>());
                return new() { ["out"] = y, ["running_mean"] = mean, ["running_var"] = variance };
            case "softmax":
                return Out(Functional.Softmax(x, a["dim"]!.GetValue<long>()));
            case "log_softmax":
                return Out(Functional.LogSoftmax(x, a["dim"]!.GetValue<long>()));
            case "cross_entropy":
                return Out(Functional.CrossEntropy(
                    x, t["target"], ReductionOf(a), a["label_smoothing"]!.GetValue<double>()));
            case "nll_loss":
                return Out(Functional.NllLoss(x, t["target"], ReductionOf(a)));
            case "mse_loss":
                return Out(Functional.MseLoss(x, t["target"], ReductionOf(a)));
            default:
                throw new InvalidOperationException(c.Op);
        }
    }

    private static Dictionary<string, Tensor> Out(Tensor y) => new() { ["out"] = y };

    private static Reduction ReductionOf(JsonObject args) => args["reduction"]!.GetValue<string>() switch
    {
        "none" => Reduction.None,
        "sum" => Reduction.Sum,
        _ => Reduction.Mean,
    };

    private static Size2d? Size(JsonNode? node) =>
        node is null ? null : new Size2d(node[0]!.GetValue<long>(), node[1]!.GetValue<long>());

    private static JsonArray Pair(long h, long w) => [h, w];

    private void AddConvCases(Random random)
    {
        foreach (var (name, stride, padding, dilation, groups, bias) in new[]
        {
            ("conv_plain", Pair(1, 1), Pair(0, 0), Pair(1, 1), 1L, true),
            ("conv_stride2_pad1", Pair(2, 2), Pair(1, 1), Pair(1, 1), 1L, true),
            ("conv_asymmetric", Pair(2, 1), Pair(1, 2), Pair(1, 1), 1L, false),
            ("conv_dilated", Pair(1, 1), Pair(2, 2), Pair(2, 2), 1L, true),
            ("conv_groups", Pair(1, 2), Pair(1, 0), Pair(1, 1), 2L, true),
        })
        {
            var inputs = new Dictionary<string, Input>
            {
                ["x"] = Input.Real(random, 2, 4, 7, 6),
                ["w"] = Input.Real(random, 6, 4 / groups, 3, 3),
            };
            if (bias) inputs["b"] = Input.Real(random, 6);
            cases.Add(new(name, "conv2d", inputs, new JsonObject
            {
                ["stride"] = stride, ["padding"] = padding, ["dilation"] = dilation, ["groups"] = groups,
            }));
        }

        cases.Add(new("linear_bias", "linear", new() { ["x"] = Input.Real(random, 5, 4), ["w"] = Input.Real(random, 3, 4), ["b"] = Input.Real(random, 3) }, []));
        cases.Add(new("linear_3d_no_bias", "linear", new() { ["x"] = Input.Real(random, 2, 5, 4), ["w"] = Input.Real(random, 3, 4) }, []));
    }

    private void AddPoolCases(Random random)
    {
        void Max(string name, JsonArray kernel, JsonArray? stride, JsonArray padding, JsonArray dilation, bool ceil) =>
            cases.Add(new(name, "max_pool2d", new() { ["x"] = Input.Real(random, 2, 3, 9, 8) }, new JsonObject
            {
                ["kernel"] = kernel, ["stride"] = stride, ["padding"] = padding, ["dilation"] = dilation, ["ceil_mode"] = ceil,
            }));
        Max("max_2", Pair(2, 2), null, Pair(0, 0), Pair(1, 1), false);
        Max("max_3_s2_p1", Pair(3, 3), Pair(2, 2), Pair(1, 1), Pair(1, 1), false);
        Max("max_dilated", Pair(2, 3), Pair(1, 2), Pair(0, 1), Pair(2, 2), false);
        Max("max_ceil", Pair(2, 2), Pair(2, 2), Pair(0, 0), Pair(1, 1), true);

        void Avg(string name, JsonArray kernel, JsonArray? stride, JsonArray padding, bool ceil, bool countPad, long? divisor) =>
            cases.Add(new(name, "avg_pool2d", new() { ["x"] = Input.Real(random, 2, 3, 9, 8) }, new JsonObject
            {
                ["kernel"] = kernel, ["stride"] = stride, ["padding"] = padding, ["ceil_mode"] = ceil,
                ["count_include_pad"] = countPad, ["divisor_override"] = divisor,
            }));
        Avg("avg_2", Pair(2, 2), null, Pair(0, 0), false, true, null);
        Avg("avg_3_s2_p1", Pair(3, 3), Pair(2, 2), Pair(1, 1), false, true, null);
        Avg("avg_3_s2_p1_exclude_pad", Pair(3, 3), Pair(2, 2), Pair(1, 1), false, false, null);
        Avg("avg_ceil", Pair(2, 3), Pair(2, 2), Pair(1, 0), true, true, null);
        Avg("avg_divisor", Pair(2, 2), Pair(1, 1), Pair(0, 0), false, true, 3);

        cases.Add(new("adaptive_3x2", "adaptive_avg_pool2d", new() { ["x"] = Input.Real(random, 2, 3, 7, 5) }, new JsonObject { ["size"] = Pair(3, 2) }));
        cases.Add(new("adaptive_1x1", "adaptive_avg_pool2d", new() { ["x"] = Input.Real(random, 2, 3, 7, 5) }, new JsonObject { ["size"] = Pair(1, 1) }));
        cases.Add(new("adaptive_upsample", "adaptive_avg_pool2d", new() { ["x"] = Input.Real(random, 1, 2, 3, 4) }, new JsonObject { ["size"] = Pair(5, 6) }));
    }

    private void AddBatchNormCases(Random random)
    {
        foreach (var (name, shape, training, affine) in new[]
        {
            ("bn2d_train", new long[] { 4, 3, 5, 2 }, true, true),
            ("bn2d_eval", new long[] { 4, 3, 5, 2 }, false, true),
            ("bn1d_train", new long[] { 6, 3 }, true, true),
            ("bn1d_seq_train_no_affine", new long[] { 4, 3, 5 }, true, false),
            ("bn1d_eval", new long[] { 6, 3 }, false, false),
        })
        {
            var inputs = new Dictionary<string, Input>
            {
                ["x"] = Input.Real(random, shape),
                ["running_mean"] = Input.Real(random, 3),
                ["running_var"] = Input.Positive(random, 3),
            };
            if (affine)
            {
                inputs["w"] = Input.Real(random, 3);
                inputs["b"] = Input.Real(random, 3);
            }

            cases.Add(new(name, "batch_norm", inputs, new JsonObject { ["training"] = training, ["momentum"] = 0.3, ["eps"] = 1e-5 }));
        }
    }

    private void AddSoftmaxCases(Random random)
    {
        foreach (var op in new[] { "softmax", "log_softmax" })
        {
            cases.Add(new(op + "_dim1", op, new() { ["x"] = Input.Real(random, 4, 5) }, new JsonObject { ["dim"] = 1 }));
            cases.Add(new(op + "_dim0", op, new() { ["x"] = Input.Real(random, 4, 5) }, new JsonObject { ["dim"] = 0 }));
            cases.Add(new(op + "_last", op, new() { ["x"] = Input.Real(random, 2, 3, 4) }, new JsonObject { ["dim"] = -1 }));
        }
    }

    private void AddLossCases(Random random)
    {
        foreach (var reduction in new[] { "mean", "sum", "none" })
        {
            foreach (var smoothing in new[] { 0.0, 0.1 })
            {
                cases.Add(new($"ce_{reduction}_{smoothing}", "cross_entropy",
                    new() { ["x"] = Input.Real(random, 6, 5), ["target"] = Input.Classes(random, 5, 6) },
                    new JsonObject { ["reduction"] = reduction, ["label_smoothing"] = smoothing }));
            }

            cases.Add(new($"ce_spatial_{reduction}", "cross_entropy",
                new() { ["x"] = Input.Real(random, 2, 4, 3, 3), ["target"] = Input.Classes(random, 4, 2, 3, 3) },
                new JsonObject { ["reduction"] = reduction, ["label_smoothing"] = 0.2 }));
            cases.Add(new($"nll_{reduction}", "nll_loss",
                new() { ["x"] = Input.Real(random, 6, 5), ["target"] = Input.Classes(random, 5, 6) },
                new JsonObject { ["reduction"] = reduction }));
            cases.Add(new($"mse_{reduction}", "mse_loss",
                new() { ["x"] = Input.Real(random, 3, 4), ["target"] = Input.Real(random, 3, 4) },
                new JsonObject { ["reduction"] = reduction }));
        }
    }

    private sealed record Case(string Name, string Op, Dictionary<string, Input> Inputs, JsonObject Args);

    /// <summary>Input values kept as arrays, so every test makes its own tensors.</summary>
    private sealed record Input(long[] Shape, double[]? Values, long[]? Labels)
    {
        public static Input Real(Random random, params long[] shape) =>
            new(shape, Enumerable.Range(0, Count(shape)).Select(_ => random.NextDouble() * 4 - 2).ToArray(), null);

        public static Input Positive(Random random, params long[] shape) =>
            new(shape, Enumerable.Range(0, Count(shape)).Select(_ => random.NextDouble() * 2 + 0.1).ToArray(), null);

        public static Input Classes(Random random, int classes, params long[] shape) =>
            new(shape, null, Enumerable.Range(0, Count(shape)).Select(_ => (long)random.Next(classes)).ToArray());

        public Tensor ToTensor() => Values is not null ? Tensor.FromArray(Values, Shape) : Tensor.FromArray(Labels!, Shape);

        private static int Count(long[] shape) => (int)shape.Aggregate(1L, (a, b) => a * b);
    }
}
