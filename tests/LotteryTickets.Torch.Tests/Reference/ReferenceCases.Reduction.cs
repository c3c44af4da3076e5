using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Tests.Reference;

internal static partial class ReferenceCases
{
    /// <summary>The reduction codes each family of cases below reaches (every member must appear).</summary>
    internal static readonly IReadOnlySet<ReduceOp> CoveredReductions = new HashSet<ReduceOp>
    {
        ReduceOp.Sum, ReduceOp.Mean, ReduceOp.Prod, ReduceOp.Amax, ReduceOp.Amin, ReduceOp.Std, ReduceOp.Var,
        ReduceOp.Norm, ReduceOp.All, ReduceOp.Any, ReduceOp.LogSumExp, ReduceOp.CountNonzero,
    };

    private static IEnumerable<ReferenceCase> Reductions()
    {
        var g = new InputFactory(4);
        var x = g.Uniform(-2, 2, 3, 4, 5);
        var m = g.Distinct(4, 6);
        var small = g.Uniform(0.5, 1.5, 3, 4);
        var f32 = g.Uniform32(-2, 2, 4, 5);
        var b = g.Bools(3, 4);
        var n = g.Ints(-3, 4, [3, 4]);
        long[] d02 = [0, 2];

        yield return Case("reduce.Sum.all", [x], t => t[0].Sum(), "torch.sum", X0);
        yield return Case("reduce.Sum.dim", [x], t => t[0].Sum(1), "torch.sum", X0, 1L);
        yield return Case("reduce.Sum.dims.keepdim", [x], t => t[0].Sum(d02, keepDim: true), "torch.sum", X0, Arg.Kw(("dim", d02), ("keepdim", true)));
        yield return Case("reduce.Sum.float32", [f32], t => t[0].Sum(0), "torch.sum", X0, 0L);
        yield return Case("reduce.Sum.int64", [n], t => t[0].Sum(1), "torch.sum", X0, 1L);
        yield return Case("reduce.Sum.bool", [b], t => t[0].Sum(), "torch.sum", X0);
        yield return Case("reduce.Mean.all", [x], t => t[0].Mean(), "torch.mean", X0);
        yield return Case("reduce.Mean.dim.keepdim", [x], t => t[0].Mean(-1, keepDim: true), "torch.mean", X0, -1L, true);
        yield return Case("reduce.Mean.dims", [x], t => t[0].Mean(d02), "torch.mean", X0, d02);
        yield return Case("reduce.Prod.all", [small], t => t[0].Prod(), "torch.prod", X0);
        yield return Case("reduce.Prod.dim", [small], t => t[0].Prod(1, keepDim: true), "torch.prod", X0, 1L, true);
        yield return Case("reduce.Max.all", [m], t => t[0].Max(), "torch.max", X0);
        yield return Case("reduce.Min.all", [m], t => t[0].Min(), "torch.min", X0);
        yield return Case("reduce.Amax.dims", [x], t => t[0].Amax(d02), "torch.amax", X0, d02);
        yield return Case("reduce.Amin.dims.keepdim", [x], t => t[0].Amin([1], keepDim: true), "torch.amin", X0, new long[] { 1 }, true);
        yield return Case("reduce.Max.dim", [m], t => t[0].Max(1), "torch.max", X0, 1L);
        yield return Case("reduce.Min.dim.keepdim", [m], t => t[0].Min(0, keepDim: true), "torch.min", X0, 0L, true);
        yield return Case("reduce.Std.all", [x], t => t[0].Std(), "torch.std", X0);
        yield return Case("reduce.Std.all.biased", [x], t => t[0].Std(unbiased: false), "torch.std", X0, Arg.Kw(("unbiased", false)));
        yield return Case("reduce.Std.dims", [x], t => t[0].Std(d02, keepDim: true), "torch.std", X0, Arg.Kw(("dim", d02), ("unbiased", true), ("keepdim", true)));
        yield return Case("reduce.Var.all", [x], t => t[0].Var(), "torch.var", X0);
        yield return Case("reduce.Var.dims.biased", [x], t => t[0].Var([1], unbiased: false), "torch.var", X0, Arg.Kw(("dim", new long[] { 1 }), ("unbiased", false)));
        yield return Case("reduce.Norm.all", [x], t => t[0].Norm(), "torch.norm", X0);
        yield return Case("reduce.Norm.dims", [x], t => t[0].Norm([2], keepDim: true), "torch.norm", X0, 2L, new long[] { 2 }, true);
        yield return Case("reduce.All.all", [b], t => t[0].All(), "torch.all", X0);
        yield return Case("reduce.All.dim", [b], t => t[0].All(1), "torch.all", X0, 1L);
        yield return Case("reduce.Any.all", [b], t => t[0].Any(), "torch.any", X0);
        yield return Case("reduce.Any.dim.keepdim", [b], t => t[0].Any(0, keepDim: true), "torch.any", X0, 0L, true);
        yield return Case("reduce.LogSumExp.dims", [x], t => t[0].LogSumExp([1]), "torch.logsumexp", X0, new long[] { 1 });
        yield return Case("reduce.LogSumExp.dims.keepdim", [x], t => t[0].LogSumExp(d02, keepDim: true), "torch.logsumexp", X0, d02, true);
        yield return Case("reduce.CountNonzero.all", [n], t => t[0].CountNonzero(), "torch.count_nonzero", X0);
        yield return Case("reduce.CountNonzero.dims", [n], t => t[0].CountNonzero([0]), "torch.count_nonzero", X0, Arg.Kw(("dim", new long[] { 0 })));
        yield return Case("reduce.ArgMax.all", [m], t => t[0].ArgMax(), "torch.argmax", X0);
        yield return Case("reduce.ArgMax.dim", [m], t => t[0].ArgMax(1, keepDim: true), "torch.argmax", X0, 1L, true);
        yield return Case("reduce.ArgMin.all", [m], t => t[0].ArgMin(), "torch.argmin", X0);
        yield return Case("reduce.ArgMin.dim", [m], t => t[0].ArgMin(0), "torch.argmin", X0, 0L);
    }

    private static IEnumerable<ReferenceCase> LinearAlgebra()
    {
        var g = new InputFactory(5);
        var a = g.Uniform(-1, 1, 3, 4);
        var b = g.Uniform(-1, 1, 4, 5);
        var v = g.Uniform(-1, 1, 4);
        var w = g.Uniform(-1, 1, 4);
        var batchA = g.Uniform(-1, 1, 2, 3, 4);
        var batchB = g.Uniform(-1, 1, 2, 4, 5);
        yield return Case("matmul.matrix", [a, b], t => t[0].MatMul(t[1]), "torch.matmul", X0, X1);
        yield return Case("matmul.matrix_vector", [a, v], t => t[0].MatMul(t[1]), "torch.matmul", X0, X1);
        yield return Case("matmul.vector_matrix", [v, b], t => t[0].MatMul(t[1]), "torch.matmul", X0, X1);
        yield return Case("matmul.vector_vector", [v, w], t => t[0].MatMul(t[1]), "torch.matmul", X0, X1);
        yield return Case("matmul.batched_broadcast", [batchA, b], t => t[0].MatMul(t[1]), "torch.matmul", X0, X1);
        yield return Case("matmul.float32", [g.Uniform32(-1, 1, 3, 4), g.Uniform32(-1, 1, 4, 2)], t => t[0].MatMul(t[1]), "torch.matmul", X0, X1);
        yield return Case("mm", [a, b], t => t[0].Mm(t[1]), "torch.mm", X0, X1);
        yield return Case("bmm", [batchA, batchB], t => t[0].Bmm(t[1]), "torch.bmm", X0, X1);
        yield return Case("addmm", [g.Uniform(-1, 1, 5), a, b], t => Tensor.AddMm(t[0], t[1], t[2]), "torch.addmm", X0, X1, X2);
        yield return Case("addmm.beta_alpha", [g.Uniform(-1, 1, 3, 5), a, b], t => Tensor.AddMm(t[0], t[1], t[2], beta: 0.5, alpha: -2), "torch.addmm", X0, X1, X2, Arg.Kw(("beta", 0.5), ("alpha", -2.0)));
        yield return Case("dot", [v, w], t => t[0].Dot(t[1]), "torch.dot", X0, X1);
    }
}
