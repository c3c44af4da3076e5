namespace LotteryTickets.Torch.Tests.Reference;

internal static partial class ReferenceCases
{
    private static IEnumerable<ReferenceCase> Indexing()
    {
        var g = new InputFactory(8);
        var x = g.Uniform(-1, 1, 4, 5);
        var idx = g.Indices(5, 7);
        var rows = g.Indices(4, 3);
        var mask = g.Bools(4, 5);
        var rowMask = g.Bools(1, 5);
        yield return Case("index_select.dim1", [x, idx], t => t[0].IndexSelect(1, t[1]), "torch.index_select", X0, 1L, X1);
        yield return Case("index_select.dim0", [x, rows], t => t[0].IndexSelect(0, t[1]), "torch.index_select", X0, 0L, X1);
        yield return Case("index_select.int32", [x, g.Ints(0, 4, [5], ScalarType.Int32)], t => t[0].IndexSelect(0, t[1]), "torch.index_select", X0, 0L, X1);
        yield return Case("gather.dim1", [x, g.Indices(5, 4, 3)], t => t[0].Gather(1, t[1]), "torch.gather", X0, 1L, X1);
        yield return Case("gather.dim0", [x, g.Indices(4, 6, 5)], t => t[0].Gather(0, t[1]), "torch.gather", X0, 0L, X1);
        var src = g.Uniform(-5, 5, 4, 3);
        var perm1 = g.PermutationRows(5, 4, 3);
        var perm0 = g.PermutationColumns(4, 3, 5);
        yield return Case("scatter.src.dim1", [x, perm1, src], t => t[0].Scatter(1, t[1], t[2]), "torch.scatter", X0, 1L, X1, X2);
        yield return Case("scatter.src.dim0", [x, perm0, g.Uniform(-5, 5, 3, 5)], t => t[0].Scatter(0, t[1], t[2]), "torch.scatter", X0, 0L, X1, X2);
        yield return Case("scatter.value", [x, perm1], t => t[0].Scatter(1, t[1], 7.5), "torch.scatter", X0, 1L, X1, 7.5);
        yield return Case("scatter_.src", [x, perm1, src], t => t[0].Scatter_(1, t[1], t[2]), "Tensor.scatter_", X0, 1L, X1, X2);
        yield return Case("scatter_.value", [x, perm1], t => t[0].Scatter_(1, t[1], -2.0), "Tensor.scatter_", X0, 1L, X1, -2.0);
        var repeated = g.Indices(5, 4, 3);
        yield return Case("scatter_add", [x, repeated, src], t => t[0].ScatterAdd(1, t[1], t[2]), "torch.scatter_add", X0, 1L, X1, X2);
        yield return Case("scatter_add_", [x, repeated, src], t => t[0].ScatterAdd_(1, t[1], t[2]), "Tensor.scatter_add_", X0, 1L, X1, X2);
        yield return Case("index.rows", [x, rows], t => t[0].Index(t[1]), "lambda x0, x1: x0[x1]");
        yield return Case("index.columns", [x, idx], t => t[0].Index(null, t[1]), "lambda x0, x1: x0[:, x1]");
        yield return Case("index.pairs", [x, rows, g.Indices(5, 3)], t => t[0].Index(t[1], t[2]), "lambda x0, x1, x2: x0[x1, x2]");
        yield return Case("index.mask", [x, mask], t => t[0].Index(t[1]), "lambda x0, x1: x0[x1]");
        yield return Case("index.negative", [x, InputFactory.Of(ScalarType.Int64, [2], -1, -4)], t => t[0].Index(t[1]), "lambda x0, x1: x0[x1]");
        var values = g.Uniform(-9, 9, 3);
        var pairs = InputFactory.Of(ScalarType.Int64, [3], 0, 2, 0);
        var cols = InputFactory.Of(ScalarType.Int64, [3], 1, 4, 1);
        yield return Case("index_put_", [x, InputFactory.Of(ScalarType.Int64, [3], 0, 2, 3), cols, values], t => t[0].IndexPut_([t[1], t[2]], t[3]), "Tensor.index_put_", X0, Arg.Tuple(X1, X2), Arg.In(3));
        yield return Case("index_put_.accumulate", [x, pairs, cols, values], t => t[0].IndexPut_([t[1], t[2]], t[3], accumulate: true), "Tensor.index_put_", X0, Arg.Tuple(X1, X2), Arg.In(3), true);
        yield return Case("index_put_.mask", [x, mask, g.Uniform(-1, 1, 1)], t => t[0].IndexPut_([t[1]], t[2]), "Tensor.index_put_", X0, Arg.Tuple(X1), X2);
        yield return Case("index_put_.columns", [x, InputFactory.Of(ScalarType.Int64, [2], 0, 3), g.Uniform(-1, 1, 4, 2)], t => t[0].IndexPut_([null, t[1]], t[2]), "lambda x0, x1, x2: x0.__setitem__((slice(None), x1), x2) or x0");
        yield return Case("index_fill_", [x, InputFactory.Of(ScalarType.Int64, [2], 1, 3)], t => t[0].IndexFill_(1, t[1], -1.5), "Tensor.index_fill_", X0, 1L, X1, -1.5);
        yield return Case("masked_fill", [x, mask], t => t[0].MaskedFill(t[1], 0.25), "torch.masked_fill", X0, X1, 0.25);
        yield return Case("masked_fill.broadcast", [x, rowMask], t => t[0].MaskedFill(t[1], -3.0), "torch.masked_fill", X0, X1, -3.0);
        yield return Case("masked_fill.int64", [g.Ints(0, 9, [4, 5]), mask], t => t[0].MaskedFill(t[1], -1), "torch.masked_fill", X0, X1, -1L);
        yield return Case("masked_fill_", [x, mask], t => t[0].MaskedFill_(t[1], 0.25), "Tensor.masked_fill_", X0, X1, 0.25);
        yield return Case("masked_select", [x, mask], t => t[0].MaskedSelect(t[1]), "torch.masked_select", X0, X1);
        yield return Case("masked_select.broadcast", [x, rowMask], t => t[0].MaskedSelect(t[1]), "torch.masked_select", X0, X1);
        yield return Case("masked_scatter", [x, mask, g.Uniform(5, 6, 20)], t => t[0].MaskedScatter(t[1], t[2]), "Tensor.masked_scatter", X0, X1, X2);
        yield return Case("masked_scatter_", [x, mask, g.Uniform(5, 6, 4, 5)], t => t[0].MaskedScatter_(t[1], t[2]), "Tensor.masked_scatter_", X0, X1, X2);
        yield return Case("nonzero", [g.Ints(-1, 2, [3, 4])], t => t[0].Nonzero(), "torch.nonzero", X0);
        yield return Case("nonzero.bool", [g.Bools(2, 3, 2)], t => t[0].Nonzero(), "torch.nonzero", X0);
    }
}
