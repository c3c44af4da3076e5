using LotteryTickets.Torch.Interop;
using LotteryTickets.Torch.Tests.Reference;

namespace LotteryTickets.Torch.Tests.Gradients;

/// <summary>
/// Every differentiable op, as a function of seeded float64 inputs chosen away from kinks
/// (|x| and relu away from 0, max/sort without ties, clamp away from its bounds). Integer and
/// bool inputs (indices, masks) are passed through undifferentiated.
/// </summary>
internal static class GradientCases
{
    private static readonly Lazy<IReadOnlyDictionary<string, (Func<Tensor[], Tensor> F, ReferenceInput[] Inputs)>> All = new(Build);

    /// <summary>The cases by name.</summary>
    public static IReadOnlyDictionary<string, (Func<Tensor[], Tensor> F, ReferenceInput[] Inputs)> ByName => All.Value;

    private static IReadOnlyDictionary<string, (Func<Tensor[], Tensor>, ReferenceInput[])> Build()
    {
        var cases = new Dictionary<string, (Func<Tensor[], Tensor>, ReferenceInput[])>();
        var g = new InputFactory(100);

        void Add(string name, Func<Tensor[], Tensor> f, params ReferenceInput[] inputs) => cases.Add(name, (f, inputs));

        // Pointwise unary: every op code with a float result.
        foreach (var (op, (_, positive, apply)) in ReferenceCases.UnaryOps)
        {
            if (op is UnaryOp.LogicalNot or UnaryOp.IsNan or UnaryOp.IsFinite)
            {
                continue;
            }

            var x = positive ? g.Uniform(0.2, 3, 2, 3) : g.AwayFromZero(-2.5, 2.5, 0.1, 2, 3);
            Add($"unary.{op}", t => apply(t[0]), x);
        }

        var y = g.AwayFromZero(-2, 2, 0.1, 3, 4);
        var pos = g.Uniform(0.3, 2, 3, 4);
        Add("unary_.Relu", t => t[0].Mul(1.0).Relu_(), y);
        Add("unary_.Neg", t => t[0].Mul(1.0).Neg_(), y);
        Add("unary_.Abs", t => t[0].Mul(1.0).Abs_(), y);
        Add("unary_.Sqrt", t => t[0].Mul(1.0).Sqrt_(), pos);
        Add("unary_.Square", t => t[0].Mul(1.0).Square_(), y);
        Add("unary_.Sigmoid", t => t[0].Mul(1.0).Sigmoid_(), y);
        Add("leaky_relu", t => t[0].LeakyRelu(0.1), y);
        Add("clamp", t => t[0].Clamp(-0.75, 0.9), y);
        Add("clamp.min", t => t[0].Clamp(min: 0.3), y);
        Add("where", t => Tensor.Where(t[0], t[1], t[2]), g.Bools(3, 4), y, g.Uniform(-1, 1, 4));

        // Binary, with broadcasting, scalar forms and in place.
        var a = g.Uniform(-2, 2, 3, 4);
        var b = g.AwayFromZero(-2, 2, 0.3, 3, 4);
        var distinctA = g.Distinct(3, 4);
        var distinctB = g.Distinct(3, 4);
        var col = g.AwayFromZero(-2, 2, 0.3, 3, 1);
        var row = g.AwayFromZero(-2, 2, 0.3, 1, 4);
        Add("binary.Add", t => t[0].Add(t[1]), a, b);
        Add("binary.Sub", t => t[0].Sub(t[1]), a, b);
        Add("binary.Mul", t => t[0].Mul(t[1]), a, b);
        Add("binary.Div", t => t[0].Div(t[1]), a, b);
        Add("binary.Pow", t => t[0].Pow(t[1]), pos, a);
        Add("binary.Maximum", t => t[0].Maximum(t[1]), distinctA, distinctB);
        Add("binary.Minimum", t => t[0].Minimum(t[1]), distinctA, distinctB);
        Add("binary.Remainder", t => t[0].Remainder(t[1]), g.Uniform(0.1, 0.9, 3, 4), g.Uniform(1.1, 2, 3, 4));
        Add("binary.Atan2", t => t[0].Atan2(t[1]), a, b);
        Add("binary.Add.broadcast", t => t[0].Add(t[1]), col, row);
        Add("binary.Mul.broadcast", t => t[0].Mul(t[1]), col, row);
        Add("binary.Div.broadcast", t => t[0].Div(t[1]), col, row);
        Add("binary.Pow.broadcast", t => t[0].Pow(t[1]), g.Uniform(0.3, 2, 3, 1), row);
        Add("binary.Add.alpha", t => t[0].Add(t[1], -0.75), a, b);
        Add("operators", t => ((t[0] + t[1]) * t[0]) - (t[1] / t[0]), b, a);
        Add("scalar.Add", t => t[0].Add(2.5), a);
        Add("scalar.Sub", t => t[0].Sub(2.5), a);
        Add("scalar.Mul", t => t[0].Mul(-1.5), a);
        Add("scalar.Div", t => t[0].Div(3.0), a);
        Add("scalar.Pow", t => t[0].Pow(2.5), pos);
        Add("scalar.Pow.whole", t => t[0].Pow(3), a);
        Add("scalar.Remainder", t => t[0].Remainder(0.7), g.Uniform(0.05, 0.65, 3, 4));
        Add("scalar.rsub", t => 2.5 - t[0], a);
        Add("scalar.rdiv", t => 2.5 / t[0], b);
        Add("inplace.Add_", t => t[0].Mul(1.0).Add_(t[1]), a, b);
        Add("inplace.Sub_", t => t[0].Mul(1.0).Sub_(t[1]), a, b);
        Add("inplace.Mul_", t => t[0].Mul(1.0).Mul_(t[1]), a, b);
        Add("inplace.Div_", t => t[0].Mul(1.0).Div_(t[1]), a, b);
        Add("inplace.Add_.alpha", t => t[0].Mul(1.0).Add_(t[1], 0.5), a, b);
        Add("inplace.Mul_.scalar", t => t[0].Mul(1.0).Mul_(-2.0), a);

        // Reductions.
        var x3 = g.Uniform(-2, 2, 2, 3, 4);
        var m = g.Distinct(3, 5);
        var near1 = g.Uniform(0.5, 1.5, 3, 4);
        Add("reduce.Sum", t => t[0].Sum(), x3);
        Add("reduce.Sum.dim.keepdim", t => t[0].Sum(1, keepDim: true), x3);
        Add("reduce.Sum.dims", t => t[0].Sum([0, 2]), x3);
        Add("reduce.Mean", t => t[0].Mean(), x3);
        Add("reduce.Mean.dims", t => t[0].Mean([0, 2], keepDim: true), x3);
        Add("reduce.Prod", t => t[0].Prod(), near1);
        Add("reduce.Prod.dim", t => t[0].Prod(1), near1);
        Add("reduce.Max", t => t[0].Max(), m);
        Add("reduce.Min", t => t[0].Min(), m);
        Add("reduce.Amax", t => t[0].Amax([1]), m);
        Add("reduce.Amin", t => t[0].Amin([0], keepDim: true), m);
        Add("reduce.Max.dim.values", t => t[0].Max(1).Values, m);
        Add("reduce.Min.dim.values", t => t[0].Min(0).Values, m);
        Add("reduce.Std", t => t[0].Std(), x3);
        Add("reduce.Std.dims.biased", t => t[0].Std([1], unbiased: false), x3);
        Add("reduce.Var", t => t[0].Var(), x3);
        Add("reduce.Var.dims", t => t[0].Var([0, 2], keepDim: true), x3);
        Add("reduce.Norm", t => t[0].Norm(), x3);
        Add("reduce.Norm.dims", t => t[0].Norm([2]), x3);
        Add("reduce.LogSumExp", t => t[0].LogSumExp([1]), x3);
        Add("cumsum", t => t[0].Cumsum(1), x3);

        // Matrix products.
        var ma = g.Uniform(-1, 1, 3, 4);
        var mb = g.Uniform(-1, 1, 4, 2);
        var v = g.Uniform(-1, 1, 4);
        var w = g.Uniform(-1, 1, 4);
        Add("matmul.matrix", t => t[0].MatMul(t[1]), ma, mb);
        Add("matmul.matrix_vector", t => t[0].MatMul(t[1]), ma, v);
        Add("matmul.vector_vector", t => t[0].MatMul(t[1]), v, w);
        Add("matmul.batched_broadcast", t => t[0].MatMul(t[1]), g.Uniform(-1, 1, 2, 3, 4), mb);
        Add("mm", t => t[0].Mm(t[1]), ma, mb);
        Add("bmm", t => t[0].Bmm(t[1]), g.Uniform(-1, 1, 2, 3, 4), g.Uniform(-1, 1, 2, 4, 2));
        Add("addmm", t => Tensor.AddMm(t[0], t[1], t[2], beta: 0.5, alpha: -1.5), g.Uniform(-1, 1, 3, 2), ma, mb);
        Add("addmm.broadcast_input", t => Tensor.AddMm(t[0], t[1], t[2]), g.Uniform(-1, 1, 2), ma, mb);
        Add("dot", t => t[0].Dot(t[1]), v, w);

        // Views and shape operations.
        Add("view", t => t[0].View(6, 4), x3);
        Add("reshape.of_transpose", t => t[0].Transpose(0, 2).Reshape(-1, 3), x3);
        Add("flatten", t => t[0].Flatten(1), x3);
        Add("transpose", t => t[0].Transpose(0, 2), x3);
        Add("t", t => t[0].T(), ma);
        Add("permute", t => t[0].Permute(2, 0, 1), x3);
        Add("unsqueeze.squeeze", t => t[0].Unsqueeze(1).Squeeze(), ma);
        Add("squeeze.dim", t => t[0].Squeeze(1), g.Uniform(-1, 1, 3, 1, 2));
        Add("expand", t => t[0].Expand(2, 3, 4), g.Uniform(-1, 1, 3, 1));
        Add("contiguous", t => t[0].Permute(1, 0).Contiguous(), ma);
        Add("narrow", t => t[0].Narrow(2, 1, 2), x3);
        Add("select", t => t[0].Select(1, -1), x3);
        Add("slice", t => t[0].Slice(2, 0, null, 2), x3);
        Add("flip", t => t[0].Flip(0, 2), x3);
        Add("roll", t => t[0].Roll([1, -1], [1, 2]), x3);
        Add("repeat", t => t[0].Repeat(2, 1, 2), ma);
        Add("tril", t => t[0].Tril(), g.Uniform(-1, 1, 4, 4));
        Add("triu", t => t[0].Triu(1), g.Uniform(-1, 1, 4, 4));
        Add("diag.of_vector", t => t[0].Diag(1), v);
        Add("diag.of_matrix", t => t[0].Diag(), g.Uniform(-1, 1, 4, 4));

        // Joining and splitting.
        Add("cat", t => Tensor.Cat([t[0], t[1]], 1), ma, g.Uniform(-1, 1, 3, 2));
        Add("stack", t => Tensor.Stack([t[0], t[1]], 1), ma, g.Uniform(-1, 1, 3, 4));
        Add("split", t => { var p = t[0].Split([1, 2], 0); return Tensor.Cat([p[1].Exp(), p[0].Mul(3.0)]); }, ma);
        Add("chunk", t => { var p = t[0].Chunk(2, 1); return p[0].Mul(p[1]); }, ma);

        // Indexing.
        var repeatedIndex = InputFactory.Of(ScalarType.Int64, [5], 2, 0, 2, 3, 2);
        Add("index_select", t => t[0].IndexSelect(1, t[1]), ma, repeatedIndex);
        Add("gather", t => t[0].Gather(1, t[1]), ma, g.Indices(4, 3, 6));
        Add("scatter.src", t => t[0].Scatter(1, t[1], t[2]), ma, g.PermutationRows(4, 3, 2), g.Uniform(-1, 1, 3, 2));
        Add("scatter.value", t => t[0].Scatter(1, t[1], 0.5), ma, g.PermutationRows(4, 3, 2));
        Add("scatter_add", t => t[0].ScatterAdd(1, t[1], t[2]), ma, g.Indices(4, 3, 5), g.Uniform(-1, 1, 3, 5));
        Add("scatter_.src", t => t[0].Mul(1.0).Scatter_(1, t[1], t[2]), ma, g.PermutationRows(4, 3, 2), g.Uniform(-1, 1, 3, 2));
        Add("index.rows", t => t[0].Index(t[1]), ma, InputFactory.Of(ScalarType.Int64, [4], 2, 0, 2, 1));
        Add("index.mask", t => t[0].Index(t[1]), ma, g.Bools(3, 4));
        Add("index_put_", t => t[0].Mul(1.0).IndexPut_([t[1], t[2]], t[3], accumulate: true), ma, InputFactory.Of(ScalarType.Int64, [3], 0, 2, 0), InputFactory.Of(ScalarType.Int64, [3], 1, 3, 1), g.Uniform(-1, 1, 3));
        Add("index_fill_", t => t[0].Mul(1.0).IndexFill_(1, t[1], 2.0), ma, InputFactory.Of(ScalarType.Int64, [2], 0, 3));
        Add("masked_fill", t => t[0].MaskedFill(t[1], 0.5), ma, g.Bools(3, 4));
        Add("masked_fill_", t => t[0].Mul(1.0).MaskedFill_(t[1], 0.5), ma, g.Bools(1, 4));
        Add("masked_select", t => t[0].MaskedSelect(t[1]), ma, g.Bools(3, 4));
        Add("masked_scatter", t => t[0].MaskedScatter(t[1], t[2]), ma, g.Bools(3, 4), g.Uniform(-1, 1, 12));

        // Sorting and selection (values; indices carry no gradient).
        Add("sort.values", t => t[0].Sort(1).Values, m);
        Add("sort.values.descending.dim0", t => t[0].Sort(0, descending: true).Values, m);
        Add("topk.values", t => t[0].TopK(2).Values, m);
        Add("topk.values.smallest.dim0", t => t[0].TopK(2, 0, largest: false).Values, m);
        Add("kthvalue.values", t => t[0].KthValue(3, 1).Values, m);
        return cases;
    }
}
