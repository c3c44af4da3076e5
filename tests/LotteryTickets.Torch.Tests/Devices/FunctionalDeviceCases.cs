using LotteryTickets.Torch.Nn;
using LotteryTickets.Torch.Tests.Gradients;
using LotteryTickets.Torch.Tests.Reference;

namespace LotteryTickets.Torch.Tests.Devices;

/// <summary>
/// The neural-network functions (<see cref="Functional"/>) and the backward pass of every differentiable op
/// (<see cref="GradientCases"/>), as reference cases for <see cref="DeviceAgreement"/>: the CPU is their reference,
/// so they carry no PyTorch call. Every name starts with <c>fn.</c> (functions) or <c>grad.</c> (gradients).
/// </summary>
internal static class FunctionalDeviceCases
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceCase>> All = new(Build);

    /// <summary>The cases by name.</summary>
    public static IReadOnlyDictionary<string, ReferenceCase> ByName => All.Value;

    private static IReadOnlyDictionary<string, ReferenceCase> Build()
    {
        var cases = new Dictionary<string, ReferenceCase>();
        foreach (var c in Functions().Concat(Gradients()))
        {
            cases.Add(c.Name, c);
        }

        return cases;
    }

    private static ReferenceCase Case(string name, ReferenceInput[] inputs, Func<Tensor[], object> compute) =>
        new(name, inputs, compute, "", []);

    private static IEnumerable<ReferenceCase> Functions()
    {
        var g = new InputFactory(200);
        var image = g.Uniform(-2, 2, 2, 4, 7, 6);
        var image32 = g.Uniform32(-2, 2, 2, 4, 7, 6);
        var filters = g.Uniform(-1, 1, 6, 4, 3, 3);
        var filters32 = g.Uniform32(-1, 1, 6, 4, 3, 3);
        var grouped = g.Uniform(-1, 1, 6, 2, 3, 3);
        var bias = g.Uniform(-1, 1, 6);
        yield return Case("fn.linear", [g.Uniform(-2, 2, 5, 4), g.Uniform(-1, 1, 3, 4), g.Uniform(-1, 1, 3)], t => Functional.Linear(t[0], t[1], t[2]));
        yield return Case("fn.linear.float32.no_bias", [g.Uniform32(-2, 2, 2, 5, 4), g.Uniform32(-1, 1, 3, 4)], t => Functional.Linear(t[0], t[1]));
        yield return Case("fn.conv2d", [image, filters, bias], t => Functional.Conv2d(t[0], t[1], t[2]));
        yield return Case("fn.conv2d.stride_padding_groups", [image, grouped, bias], t => Functional.Conv2d(t[0], t[1], t[2], stride: (2, 1), padding: (1, 2), groups: 2));
        yield return Case("fn.conv2d.dilated", [image, filters], t => Functional.Conv2d(t[0], t[1], padding: 2, dilation: 2));
        yield return Case("fn.conv2d.float32", [image32, filters32, g.Uniform32(-1, 1, 6)], t => Functional.Conv2d(t[0], t[1], t[2], padding: 1));
        var pooled = g.Uniform(-2, 2, 2, 3, 9, 8);
        yield return Case("fn.max_pool2d", [pooled], t => Functional.MaxPool2d(t[0], 3, stride: 2, padding: 1));
        yield return Case("fn.max_pool2d.ceil_dilated", [pooled], t => Functional.MaxPool2d(t[0], 2, stride: 2, dilation: (1, 2), ceilMode: true));
        yield return Case("fn.avg_pool2d", [pooled], t => Functional.AvgPool2d(t[0], 3, stride: 2, padding: 1, countIncludePad: false));
        yield return Case("fn.avg_pool2d.divisor", [pooled], t => Functional.AvgPool2d(t[0], 2, stride: 1, divisorOverride: 3));
        yield return Case("fn.adaptive_avg_pool2d", [pooled], t => Functional.AdaptiveAvgPool2d(t[0], 3, 2));
        yield return Case("fn.adaptive_avg_pool2d.global.float32", [g.Uniform32(-2, 2, 2, 3, 5, 5)], t => Functional.AdaptiveAvgPool2d(t[0], 1));
        var bnInput = g.Uniform(-2, 2, 4, 3, 5, 2);
        var runningMean = g.Uniform(-1, 1, 3);
        var runningVar = g.Uniform(0.5, 2, 3);
        var gamma = g.Uniform(0.5, 1.5, 3);
        var beta = g.Uniform(-1, 1, 3);
        yield return Case(
            "fn.batch_norm.training",
            [bnInput, runningMean, runningVar, gamma, beta],
            t => (Functional.BatchNorm(t[0], t[1], t[2], t[3], t[4], training: true, momentum: 0.3), t[1], t[2]));
        yield return Case(
            "fn.batch_norm.eval",
            [bnInput, runningMean, runningVar, gamma, beta],
            t => Functional.BatchNorm(t[0], t[1], t[2], t[3], t[4]));
        var logits = g.Uniform(-3, 3, 6, 5);
        var classes = g.Ints(0, 5, [6]);
        yield return Case("fn.softmax", [logits], t => Functional.Softmax(t[0], 1));
        yield return Case("fn.log_softmax.dim0", [logits], t => Functional.LogSoftmax(t[0], 0));
        yield return Case("fn.softmax.float32", [g.Uniform32(-3, 3, 4, 7)], t => Functional.Softmax(t[0], -1));
        yield return Case("fn.cross_entropy", [logits, classes], t => Functional.CrossEntropy(t[0], t[1]));
        yield return Case("fn.cross_entropy.smoothing.none", [logits, classes], t => Functional.CrossEntropy(t[0], t[1], Reduction.None, 0.1));
        yield return Case("fn.cross_entropy.ignore_index.sum", [logits, classes], t => Functional.CrossEntropy(t[0], t[1], Reduction.Sum, ignoreIndex: 2));
        yield return Case("fn.cross_entropy.spatial", [g.Uniform(-2, 2, 2, 4, 3, 3), g.Ints(0, 4, [2, 3, 3])], t => Functional.CrossEntropy(t[0], t[1], labelSmoothing: 0.2));
        yield return Case("fn.cross_entropy.float32", [g.Uniform32(-3, 3, 8, 10), g.Ints(0, 10, [8])], t => Functional.CrossEntropy(t[0], t[1]));
        yield return Case("fn.nll_loss", [logits, classes], t => Functional.NllLoss(Functional.LogSoftmax(t[0], 1), t[1]));
        yield return Case("fn.mse_loss", [logits, g.Uniform(-3, 3, 6, 5)], t => Functional.MseLoss(t[0], t[1]));
        yield return Case("fn.mse_loss.none", [logits, g.Uniform(-3, 3, 6, 5)], t => Functional.MseLoss(t[0], t[1], Reduction.None));
        yield return Case("fn.one_hot", [classes], t => Functional.OneHot(t[0], 5));
        yield return Case("fn.dropout.eval", [logits], t => Functional.Dropout(t[0], 0.5, training: false));
    }

    // The gradient of Σ y ⊙ w for fixed weights w = linspace(−1, 1) over y's elements: every input's gradient is a
    // full vector–Jacobian product, computed by the op's backward kernel on the inputs' device.
    private static IEnumerable<ReferenceCase> Gradients()
    {
        foreach (var (name, (f, inputs)) in GradientCases.ByName)
        {
            yield return Case("grad." + name, inputs, t => VectorJacobianProduct(f, t));
        }
    }

    private static Tensor[] VectorJacobianProduct(Func<Tensor[], Tensor> f, Tensor[] inputs)
    {
        var differentiable = inputs.Where(t => t.DType.IsFloatingPoint()).ToArray();
        foreach (var t in differentiable)
        {
            t.RequiresGrad_();
        }

        var y = f(inputs);
        var count = y.Shape.Aggregate(1L, (a, b) => a * b);
        using var w = Tensor.Linspace(-1, 1, count, y.DType, y.Device).Reshape(y.Shape);
        var gradients = Autograd.Grad([y.Mul(w).Sum()], differentiable, allowUnused: true);
        return [y.Detach(), .. gradients.Select((gr, i) => gr ?? differentiable[i].ZerosLike())];
    }
}
