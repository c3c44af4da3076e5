namespace LotteryTickets.Torch.Tests.Reference;

internal static partial class ReferenceCases
{
    private static IEnumerable<ReferenceCase> Shape()
    {
        var g = new InputFactory(6);
        var x = g.Uniform(-1, 1, 2, 3, 4);
        var m = g.Uniform(-1, 1, 4, 5);
        var v = g.Uniform(-1, 1, 4);
        var ones = g.Uniform(-1, 1, 3, 1, 4, 1);
        yield return Case("view", [x], t => t[0].View(6, 4), "Tensor.view", X0, new long[] { 6, 4 });
        yield return Case("view.inferred", [x], t => t[0].View(-1, 2), "Tensor.view", X0, new long[] { -1, 2 });
        yield return Case("reshape.of_transpose", [x], t => t[0].Transpose(0, 2).Reshape(4, -1), "lambda x0: x0.transpose(0, 2).reshape(4, -1)");
        yield return Case("flatten.all", [x], t => t[0].Flatten(), "torch.flatten", X0);
        yield return Case("flatten.range", [x], t => t[0].Flatten(1, 2), "torch.flatten", X0, 1L, 2L);
        yield return Case("transpose", [x], t => t[0].Transpose(0, 2), "torch.transpose", X0, 0L, 2L);
        yield return Case("t", [m], t => t[0].T(), "torch.t", X0);
        yield return Case("permute", [x], t => t[0].Permute(2, 0, 1), "Tensor.permute", X0, new long[] { 2, 0, 1 });
        yield return Case("unsqueeze", [x], t => t[0].Unsqueeze(1), "torch.unsqueeze", X0, 1L);
        yield return Case("unsqueeze.negative", [x], t => t[0].Unsqueeze(-1), "torch.unsqueeze", X0, -1L);
        yield return Case("squeeze.dim", [ones], t => t[0].Squeeze(1), "torch.squeeze", X0, 1L);
        yield return Case("squeeze.all", [ones], t => t[0].Squeeze(), "torch.squeeze", X0);
        yield return Case("expand", [g.Uniform(-1, 1, 3, 1)], t => t[0].Expand(2, 3, 4), "Tensor.expand", X0, new long[] { 2, 3, 4 });
        yield return Case("expand.keep", [g.Uniform(-1, 1, 3, 1)], t => t[0].Expand(-1, 5), "Tensor.expand", X0, new long[] { -1, 5 });
        yield return Case("contiguous.of_permute", [x], t => t[0].Permute(1, 2, 0).Contiguous(), "lambda x0: x0.permute(1, 2, 0).contiguous()");
        yield return Case("narrow", [x], t => t[0].Narrow(2, 1, 2), "torch.narrow", X0, 2L, 1L, 2L);
        yield return Case("narrow.negative_start", [x], t => t[0].Narrow(1, -2, 2), "torch.narrow", X0, 1L, -2L, 2L);
        yield return Case("select", [x], t => t[0].Select(1, 2), "torch.select", X0, 1L, 2L);
        yield return Case("select.negative", [x], t => t[0].Select(-1, -1), "torch.select", X0, -1L, -1L);
        yield return Case("slice.step", [m], t => t[0].Slice(1, 1, 5, 2), "lambda x0: x0[:, 1:5:2]");
        yield return Case("slice.open_start", [m], t => t[0].Slice(0, null, 2), "lambda x0: x0[:2]");
        yield return Case("slice.open_end", [m], t => t[0].Slice(1, -2, null), "lambda x0: x0[:, -2:]");
        yield return Case("slice.clipped", [m], t => t[0].Slice(0, 1, 100, 3), "lambda x0: x0[1:100:3]");
        yield return Case("slice.empty", [m], t => t[0].Slice(1, 4, 2), "lambda x0: x0[:, 4:2]");
        yield return Case("flip", [x], t => t[0].Flip(0, 2), "torch.flip", X0, new long[] { 0, 2 });
        yield return Case("roll.flat", [m], t => t[0].Roll(3), "torch.roll", X0, 3L);
        yield return Case("roll.dim", [m], t => t[0].Roll(-1, 1), "torch.roll", X0, -1L, 1L);
        yield return Case("roll.dims", [x], t => t[0].Roll([1, 2], [0, 2]), "torch.roll", X0, new long[] { 1, 2 }, new long[] { 0, 2 });
        yield return Case("repeat", [m], t => t[0].Repeat(2, 1), "Tensor.repeat", X0, new long[] { 2, 1 });
        yield return Case("repeat.new_dims", [v], t => t[0].Repeat(2, 1, 3), "Tensor.repeat", X0, new long[] { 2, 1, 3 });
        yield return Case("tril", [m], t => t[0].Tril(), "torch.tril", X0);
        yield return Case("tril.offset", [x], t => t[0].Tril(-1), "torch.tril", X0, -1L);
        yield return Case("triu", [m], t => t[0].Triu(), "torch.triu", X0);
        yield return Case("triu.offset", [m], t => t[0].Triu(2), "torch.triu", X0, 2L);
        yield return Case("diag.of_vector", [v], t => t[0].Diag(), "torch.diag", X0);
        yield return Case("diag.of_vector.offset", [v], t => t[0].Diag(-1), "torch.diag", X0, -1L);
        yield return Case("diag.of_matrix", [m], t => t[0].Diag(), "torch.diag", X0);
        yield return Case("diag.of_matrix.offset", [m], t => t[0].Diag(1), "torch.diag", X0, 1L);
        yield return Case("clone", [x], t => t[0].Clone(), "torch.clone", X0);
    }

    private static IEnumerable<ReferenceCase> Joining()
    {
        var g = new InputFactory(7);
        var a = g.Uniform(-1, 1, 2, 3);
        var b = g.Uniform(-1, 1, 2, 3);
        var c = g.Uniform(-1, 1, 2, 5);
        var x = g.Uniform(-1, 1, 3, 7);
        yield return Case("cat.dim0", [a, b], t => Tensor.Cat([t[0], t[1]]), "torch.cat", Tensors(X0, X1));
        yield return Case("cat.dim1.three", [a, b, c], t => Tensor.Cat([t[0], t[1], t[2]], 1), "torch.cat", Tensors(X0, X1, X2), 1L);
        yield return Case("cat.negative_dim", [a, c], t => Tensor.Cat([t[0], t[1]], -1), "torch.cat", Tensors(X0, X1), -1L);
        yield return Case("cat.single", [a], t => Tensor.Cat([t[0]]), "torch.cat", Tensors(X0));
        yield return Case("cat.int64", [g.Ints(0, 9, [2, 2]), g.Ints(0, 9, [1, 2])], t => Tensor.Cat([t[0], t[1]]), "torch.cat", Tensors(X0, X1));
        yield return Case("stack.dim0", [a, b], t => Tensor.Stack([t[0], t[1]]), "torch.stack", Tensors(X0, X1));
        yield return Case("stack.last", [a, b], t => Tensor.Stack([t[0], t[1]], -1), "torch.stack", Tensors(X0, X1), -1L);
        yield return Case("stack.middle", [a, b], t => Tensor.Stack([t[0], t[1], t[0]], 1), "torch.stack", Tensors(X0, X1, X0), 1L);
        yield return Case("split.size", [x], t => t[0].Split(3, 1), "torch.split", X0, 3L, 1L);
        yield return Case("split.size.exact", [x], t => t[0].Split(1), "torch.split", X0, 1L);
        yield return Case("split.sizes", [x], t => t[0].Split([2, 4, 1], 1), "torch.split", X0, new long[] { 2, 4, 1 }, 1L);
        yield return Case("split.size.larger_than_dim", [x], t => t[0].Split(10, 1), "torch.split", X0, 10L, 1L);
        yield return Case("chunk", [x], t => t[0].Chunk(3, 1), "torch.chunk", X0, 3L, 1L);
        yield return Case("chunk.uneven", [x], t => t[0].Chunk(4, 1), "torch.chunk", X0, 4L, 1L);
        yield return Case("chunk.more_than_size", [x], t => t[0].Chunk(5, 0), "torch.chunk", X0, 5L, 0L);
        yield return Case("chunk.empty", [InputFactory.Of(ScalarType.Float64, [0, 2])], t => t[0].Chunk(3), "torch.chunk", X0, 3L);
    }
}
