using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Tests.Reference;

internal static partial class ReferenceCases
{
    /// <summary>Every unary op code, the PyTorch function it must equal, and the public method that reaches it.</summary>
    internal static readonly IReadOnlyDictionary<UnaryOp, (string Torch, bool Positive, Func<Tensor, Tensor> Apply)> UnaryOps =
        new Dictionary<UnaryOp, (string, bool, Func<Tensor, Tensor>)>
        {
            [UnaryOp.Neg] = ("torch.neg", false, x => x.Neg()),
            [UnaryOp.Abs] = ("torch.abs", false, x => x.Abs()),
            [UnaryOp.Sign] = ("torch.sign", false, x => x.Sign()),
            [UnaryOp.Exp] = ("torch.exp", false, x => x.Exp()),
            [UnaryOp.Log] = ("torch.log", true, x => x.Log()),
            [UnaryOp.Sqrt] = ("torch.sqrt", true, x => x.Sqrt()),
            [UnaryOp.Rsqrt] = ("torch.rsqrt", true, x => x.Rsqrt()),
            [UnaryOp.Sin] = ("torch.sin", false, x => x.Sin()),
            [UnaryOp.Cos] = ("torch.cos", false, x => x.Cos()),
            [UnaryOp.Tanh] = ("torch.tanh", false, x => x.Tanh()),
            [UnaryOp.Sigmoid] = ("torch.sigmoid", false, x => x.Sigmoid()),
            [UnaryOp.Relu] = ("torch.relu", false, x => x.Relu()),
            [UnaryOp.Square] = ("torch.square", false, x => x.Square()),
            [UnaryOp.Reciprocal] = ("torch.reciprocal", false, x => x.Reciprocal()),
            [UnaryOp.Floor] = ("torch.floor", false, x => x.Floor()),
            [UnaryOp.Ceil] = ("torch.ceil", false, x => x.Ceil()),
            [UnaryOp.Round] = ("torch.round", false, x => x.Round()),
            [UnaryOp.Trunc] = ("torch.trunc", false, x => x.Trunc()),
            [UnaryOp.LogicalNot] = ("torch.logical_not", false, x => x.LogicalNot()),
            [UnaryOp.IsNan] = ("torch.isnan", false, x => x.IsNaN()),
            [UnaryOp.Log1p] = ("torch.log1p", true, x => x.Log1p()),
            [UnaryOp.Expm1] = ("torch.expm1", false, x => x.Expm1()),
            [UnaryOp.Erf] = ("torch.erf", false, x => x.Erf()),
            [UnaryOp.Silu] = ("F.silu", false, x => x.Silu()),
            [UnaryOp.Gelu] = ("F.gelu", false, x => x.Gelu()),
            [UnaryOp.Softplus] = ("F.softplus", false, x => x.Softplus()),
            [UnaryOp.IsFinite] = ("torch.isfinite", false, x => x.IsFinite()),
            [UnaryOp.Frac] = ("torch.frac", false, x => x.Frac()),
        };

    /// <summary>Every binary op code, the PyTorch call it must equal (extra keyword arguments included) and the public method that reaches it.</summary>
    internal static readonly IReadOnlyDictionary<BinaryOp, (string Torch, object?[] Extra, Func<Tensor, Tensor, Tensor> Apply)> BinaryOps =
        new Dictionary<BinaryOp, (string, object?[], Func<Tensor, Tensor, Tensor>)>
        {
            [BinaryOp.Add] = ("torch.add", [], (a, b) => a.Add(b)),
            [BinaryOp.Sub] = ("torch.sub", [], (a, b) => a.Sub(b)),
            [BinaryOp.Mul] = ("torch.mul", [], (a, b) => a.Mul(b)),
            [BinaryOp.Div] = ("torch.div", [], (a, b) => a.Div(b)),
            [BinaryOp.Pow] = ("torch.pow", [], (a, b) => a.Pow(b)),
            [BinaryOp.Maximum] = ("torch.maximum", [], (a, b) => a.Maximum(b)),
            [BinaryOp.Minimum] = ("torch.minimum", [], (a, b) => a.Minimum(b)),
            [BinaryOp.Eq] = ("torch.eq", [], (a, b) => a.Eq(b)),
            [BinaryOp.Ne] = ("torch.ne", [], (a, b) => a.Ne(b)),
            [BinaryOp.Lt] = ("torch.lt", [], (a, b) => a.Lt(b)),
            [BinaryOp.Le] = ("torch.le", [], (a, b) => a.Le(b)),
            [BinaryOp.Gt] = ("torch.gt", [], (a, b) => a.Gt(b)),
            [BinaryOp.Ge] = ("torch.ge", [], (a, b) => a.Ge(b)),
            [BinaryOp.LogicalAnd] = ("torch.logical_and", [], (a, b) => a.LogicalAnd(b)),
            [BinaryOp.LogicalOr] = ("torch.logical_or", [], (a, b) => a.LogicalOr(b)),
            [BinaryOp.LogicalXor] = ("torch.logical_xor", [], (a, b) => a.LogicalXor(b)),
            [BinaryOp.Remainder] = ("torch.remainder", [], (a, b) => a.Remainder(b)),
            [BinaryOp.Atan2] = ("torch.atan2", [], (a, b) => a.Atan2(b)),
            [BinaryOp.FloorDivide] = ("torch.div", [Arg.Kw(("rounding_mode", "floor"))], (a, b) => a.FloorDivide(b)),
        };

    private static IEnumerable<ReferenceCase> Unary()
    {
        var g = new InputFactory(1);
        var specials = InputFactory.Of(
            ScalarType.Float64, [10], double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.5, 0.5, 1.5, 2.5, -2.5, -1e-300);
        foreach (var (op, (torch, positive, apply)) in UnaryOps)
        {
            var name = $"unary.{op}";
            var x = positive ? g.Uniform(0.05, 4, 3, 5) : Halves(g.Uniform(-3, 3, 3, 5));
            var x32 = positive ? g.Uniform32(0.05, 4, 2, 3) : g.Uniform32(-3, 3, 2, 3);
            yield return Case($"{name}.float64", [x], t => apply(t[0]), torch, X0);
            yield return Case($"{name}.float32", [x32], t => apply(t[0]), torch, X0);
            yield return Case($"{name}.nonfinite", [specials], t => apply(t[0]), torch, X0);
        }

        var ints = g.Ints(-5, 5, [2, 4]);
        yield return Case("unary.Neg.int64", [ints], t => t[0].Neg(), "torch.neg", X0);
        yield return Case("unary.Abs.int64", [ints], t => t[0].Abs(), "torch.abs", X0);
        yield return Case("unary.Sign.int64", [ints], t => t[0].Sign(), "torch.sign", X0);
        yield return Case("unary.LogicalNot.bool", [g.Bools(6)], t => t[0].LogicalNot(), "torch.logical_not", X0);

        var y = g.Uniform(-3, 3, 3, 4);
        var p = g.Uniform(0.1, 3, 3, 4);
        yield return Case("unary_.Relu", [y], t => t[0].Relu_(), "Tensor.relu_", X0);
        yield return Case("unary_.Neg", [y], t => t[0].Neg_(), "Tensor.neg_", X0);
        yield return Case("unary_.Abs", [y], t => t[0].Abs_(), "Tensor.abs_", X0);
        yield return Case("unary_.Sqrt", [p], t => t[0].Sqrt_(), "Tensor.sqrt_", X0);
        yield return Case("unary_.Square", [y], t => t[0].Square_(), "Tensor.square_", X0);
        yield return Case("unary_.Sigmoid", [y], t => t[0].Sigmoid_(), "Tensor.sigmoid_", X0);
    }

    private static IEnumerable<ReferenceCase> Binary()
    {
        var g = new InputFactory(2);
        foreach (var (op, (torch, extra, apply)) in BinaryOps)
        {
            var name = $"binary.{op}";
            var (a, b) = BinaryInputs(g, op, [3, 4], [3, 4]);
            var (ba, bb) = BinaryInputs(g, op, [3, 1], [1, 4]);
            var (a32, b32) = BinaryInputs(g, op, [2, 3], [2, 3]);
            a32 = a32 with { DType = ScalarType.Float32, Data = a32.Data.Select(v => (double)(float)v).ToArray() };
            b32 = b32 with { DType = ScalarType.Float32, Data = b32.Data.Select(v => (double)(float)v).ToArray() };
            yield return Case($"{name}.float64", [a, b], t => apply(t[0], t[1]), torch, [X0, X1, .. extra]);
            yield return Case($"{name}.broadcast", [ba, bb], t => apply(t[0], t[1]), torch, [X0, X1, .. extra]);
            yield return Case($"{name}.float32", [a32, b32], t => apply(t[0], t[1]), torch, [X0, X1, .. extra]);
        }

        var i = g.Ints(-9, 9, [2, 5]);
        var j = InputFactory.Of(ScalarType.Int64, [2, 5], 3, -2, 4, 7, -3, 1, 2, -5, 6, 3);
        foreach (var op in new[] { BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Div, BinaryOp.Remainder, BinaryOp.FloorDivide, BinaryOp.Maximum, BinaryOp.Eq, BinaryOp.Lt })
        {
            var (torch, extra, apply) = BinaryOps[op];
            yield return Case($"binary.{op}.int64", [i, j], t => apply(t[0], t[1]), torch, [X0, X1, .. extra]);
        }

        var p = g.Bools(2, 3);
        var q = g.Bools(2, 3);
        foreach (var op in new[] { BinaryOp.LogicalAnd, BinaryOp.LogicalOr, BinaryOp.LogicalXor, BinaryOp.Eq })
        {
            var (torch, extra, apply) = BinaryOps[op];
            yield return Case($"binary.{op}.bool", [p, q], t => apply(t[0], t[1]), torch, [X0, X1, .. extra]);
        }

        // Tensor–scalar forms: a float64 and an int64 tensor (a whole scalar keeps an int64 tensor int64).
        var x = g.Uniform(0.2, 3, 3, 4);
        var w = g.Ints(-2, 3, [3, 4], ScalarType.Float64);
        var n = g.Ints(-9, 9, [3, 4]);
        yield return Case("scalar.Add.float64", [x], t => t[0].Add(2.5), "torch.add", X0, 2.5);
        yield return Case("scalar.Sub.float64", [x], t => t[0].Sub(0.75), "torch.sub", X0, 0.75);
        yield return Case("scalar.Mul.float64", [x], t => t[0].Mul(-1.5), "torch.mul", X0, -1.5);
        yield return Case("scalar.Div.float64", [x], t => t[0].Div(3.0), "torch.div", X0, 3.0);
        yield return Case("scalar.Pow.float64", [x], t => t[0].Pow(2.5), "torch.pow", X0, 2.5);
        yield return Case("scalar.Remainder.float64", [x], t => t[0].Remainder(0.7), "torch.remainder", X0, 0.7);
        yield return Case("scalar.Eq.float64", [w], t => t[0].Eq(1), "torch.eq", X0, 1.0);
        yield return Case("scalar.Ne.float64", [w], t => t[0].Ne(1), "torch.ne", X0, 1.0);
        yield return Case("scalar.Lt.float64", [w], t => t[0].Lt(0), "torch.lt", X0, 0.0);
        yield return Case("scalar.Le.float64", [w], t => t[0].Le(0), "torch.le", X0, 0.0);
        yield return Case("scalar.Gt.float64", [w], t => t[0].Gt(0), "torch.gt", X0, 0.0);
        yield return Case("scalar.Ge.float64", [w], t => t[0].Ge(0), "torch.ge", X0, 0.0);
        yield return Case("scalar.Add.int64", [n], t => t[0].Add(3), "torch.add", X0, 3L);
        yield return Case("scalar.Add.int64.fraction", [n], t => t[0].Add(0.5), "torch.add", X0, 0.5);
        yield return Case("scalar.Mul.int64", [n], t => t[0].Mul(-2), "torch.mul", X0, -2L);
        yield return Case("scalar.Div.int64", [n], t => t[0].Div(4), "torch.div", X0, 4L);
        yield return Case("scalar.Remainder.int64", [n], t => t[0].Remainder(4), "torch.remainder", X0, 4L);
        yield return Case("scalar.Pow.int64", [n], t => t[0].Pow(2), "torch.pow", X0, 2L);
        yield return Case("scalar.rsub.float64", [x], t => 2.5 - t[0], "Tensor.__rsub__", X0, 2.5);
        yield return Case("scalar.rdiv.float64", [x], t => 2.5 / t[0], "Tensor.__rtruediv__", X0, 2.5);
        yield return Case("scalar.operators.float64", [x], t => (t[0] * 2.0) + 1.0, "lambda x0: x0 * 2.0 + 1.0");

        // In place, and the alpha forms.
        var (c, d) = (g.Uniform(-2, 2, 3, 4), g.Uniform(0.5, 2, 4));
        yield return Case("inplace.Add_", [c, d], t => t[0].Add_(t[1]), "Tensor.add_", X0, X1);
        yield return Case("inplace.Sub_", [c, d], t => t[0].Sub_(t[1]), "Tensor.sub_", X0, X1);
        yield return Case("inplace.Mul_", [c, d], t => t[0].Mul_(t[1]), "Tensor.mul_", X0, X1);
        yield return Case("inplace.Div_", [c, d], t => t[0].Div_(t[1]), "Tensor.div_", X0, X1);
        yield return Case("inplace.Add_.scalar", [c], t => t[0].Add_(1.25), "Tensor.add_", X0, 1.25);
        yield return Case("inplace.Sub_.scalar", [c], t => t[0].Sub_(1.25), "Tensor.sub_", X0, 1.25);
        yield return Case("inplace.Mul_.scalar", [c], t => t[0].Mul_(1.25), "Tensor.mul_", X0, 1.25);
        yield return Case("inplace.Div_.scalar", [c], t => t[0].Div_(1.25), "Tensor.div_", X0, 1.25);
        yield return Case("inplace.Add_.alpha", [c, d], t => t[0].Add_(t[1], -0.5), "Tensor.add_", X0, X1, Arg.Kw(("alpha", -0.5)));
        yield return Case("binary.Add.alpha", [c, d], t => t[0].Add(t[1], 0.25), "torch.add", X0, X1, Arg.Kw(("alpha", 0.25)));
        yield return Case("operators.tensor", [c, d], t => (t[0] + t[1]) * (t[0] - t[1]) / t[1], "lambda x0, x1: (x0 + x1) * (x0 - x1) / x1");
    }

    private static IEnumerable<ReferenceCase> OtherPointwise()
    {
        var g = new InputFactory(3);
        var x = g.Uniform(-2, 2, 3, 5);
        yield return Case("clamp.both", [x], t => t[0].Clamp(-0.5, 0.8), "torch.clamp", X0, Arg.Kw(("min", -0.5), ("max", 0.8)));
        yield return Case("clamp.min", [x], t => t[0].Clamp(min: 0.1), "torch.clamp", X0, Arg.Kw(("min", 0.1)));
        yield return Case("clamp.max", [x], t => t[0].Clamp(max: -0.2), "torch.clamp", X0, Arg.Kw(("max", -0.2)));
        yield return Case("clamp.int64", [g.Ints(-9, 9, [6])], t => t[0].Clamp(-3, 4), "torch.clamp", X0, -3L, 4L);
        yield return Case("leaky_relu", [x], t => t[0].LeakyRelu(0.1), "F.leaky_relu", X0, 0.1);
        yield return Case("leaky_relu.default", [x], t => t[0].LeakyRelu(), "F.leaky_relu", X0);
        yield return Case("where", [g.Bools(3, 5), x, g.Uniform(-1, 1, 5)], t => Tensor.Where(t[0], t[1], t[2]), "torch.where", X0, X1, X2);
        yield return Case("to.float32", [x], t => t[0].To(ScalarType.Float32), "Tensor.to", X0, Arg.DType(ScalarType.Float32));
        yield return Case("to.int64", [x], t => t[0].To(ScalarType.Int64), "Tensor.to", X0, Arg.DType(ScalarType.Int64));
        yield return Case("to.bool", [g.Ints(-1, 2, [6], ScalarType.Float64)], t => t[0].To(ScalarType.Bool), "Tensor.to", X0, Arg.DType(ScalarType.Bool));
    }

    private static (ReferenceInput A, ReferenceInput B) BinaryInputs(InputFactory g, BinaryOp op, long[] shapeA, long[] shapeB) => op switch
    {
        BinaryOp.Pow => (g.Uniform(0.2, 3, shapeA), g.Uniform(-2, 2, shapeB)),
        BinaryOp.Div or BinaryOp.Remainder or BinaryOp.FloorDivide or BinaryOp.Atan2 =>
            (g.Uniform(-4, 4, shapeA), g.AwayFromZero(-2, 2, 0.25, shapeB)),
        BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge
            or BinaryOp.LogicalAnd or BinaryOp.LogicalOr or BinaryOp.LogicalXor =>
            (g.Ints(-1, 2, shapeA, ScalarType.Float64), g.Ints(-1, 2, shapeB, ScalarType.Float64)),
        _ => (g.Uniform(-3, 3, shapeA), g.Uniform(-3, 3, shapeB)),
    };

    // Puts exact halves (the round-half-to-even cases) and a zero at the front of a float64 input.
    private static ReferenceInput Halves(ReferenceInput x)
    {
        var data = (double[])x.Data.Clone();
        double[] specials = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0];
        Array.Copy(specials, data, Math.Min(specials.Length, data.Length));
        return x with { Data = data };
    }
}
