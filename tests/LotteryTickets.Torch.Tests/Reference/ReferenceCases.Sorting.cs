namespace LotteryTickets.Torch.Tests.Reference;

internal static partial class ReferenceCases
{
    private static IEnumerable<ReferenceCase> Sorting()
    {
        var g = new InputFactory(9);
        var x = g.Distinct(4, 6);
        var ties = g.Ints(0, 4, [3, 8]);
        var f32 = g.Uniform32(-1, 1, 12);
        yield return Case("sort.last", [x], t => t[0].Sort(), "torch.sort", X0);
        yield return Case("sort.dim0.descending", [x], t => t[0].Sort(0, descending: true), "torch.sort", X0, Arg.Kw(("dim", 0L), ("descending", true)));
        yield return Case("sort.stable.ties", [ties], t => t[0].Sort(1, stable: true), "torch.sort", X0, Arg.Kw(("dim", 1L), ("stable", true)));
        yield return Case("sort.stable.ties.descending", [ties], t => t[0].Sort(1, descending: true, stable: true), "torch.sort", X0, Arg.Kw(("dim", 1L), ("descending", true), ("stable", true)));
        yield return Case("sort.float32", [f32], t => t[0].Sort(descending: true), "torch.sort", X0, Arg.Kw(("descending", true)));
        yield return Case("argsort", [x], t => t[0].ArgSort(), "torch.argsort", X0);
        yield return Case("argsort.dim0.descending", [x], t => t[0].ArgSort(0, descending: true), "torch.argsort", X0, 0L, true);
        yield return Case("argsort.stable.ties", [ties], t => t[0].ArgSort(1, stable: true), "torch.argsort", X0, Arg.Kw(("dim", 1L), ("stable", true)));
        yield return Case("topk.largest", [x], t => t[0].TopK(3), "torch.topk", X0, 3L);
        yield return Case("topk.smallest.dim0", [x], t => t[0].TopK(2, 0, largest: false), "torch.topk", X0, 2L, Arg.Kw(("dim", 0L), ("largest", false)));
        yield return Case("topk.all", [x], t => t[0].TopK(6), "torch.topk", X0, 6L);
        yield return Case("topk.float32", [f32], t => t[0].TopK(4), "torch.topk", X0, 4L);
        yield return Case("kthvalue", [x], t => t[0].KthValue(2), "torch.kthvalue", X0, 2L);
        yield return Case("kthvalue.dim0.keepdim", [x], t => t[0].KthValue(4, 0, keepDim: true), "torch.kthvalue", X0, 4L, 0L, true);
        yield return Case("cumsum", [x], t => t[0].Cumsum(1), "torch.cumsum", X0, 1L);
        yield return Case("cumsum.dim0", [x], t => t[0].Cumsum(0), "torch.cumsum", X0, 0L);
        yield return Case("cumsum.int64", [ties], t => t[0].Cumsum(-1), "torch.cumsum", X0, -1L);
        yield return Case("cumsum.as_float64", [ties], t => t[0].Cumsum(1, ScalarType.Float64), "torch.cumsum", X0, 1L, Arg.Kw(("dtype", Arg.DType(ScalarType.Float64))));
        yield return Case("cumsum.bool", [g.Bools(9)], t => t[0].Cumsum(0), "torch.cumsum", X0, 0L);
        yield return Case("unique", [ties], t => t[0].Unique(), "torch.unique", X0);
        yield return Case("unique.inverse_counts", [ties], t => t[0].UniqueWithInverseAndCounts(), "torch.unique", X0, Arg.Kw(("sorted", true), ("return_inverse", true), ("return_counts", true)));
        yield return Case("unique.float64", [g.Ints(-2, 3, [10], ScalarType.Float64)], t => t[0].Unique(), "torch.unique", X0);
    }

    private static IEnumerable<ReferenceCase> Comparison()
    {
        var g = new InputFactory(10);
        var x = g.Uniform(-1, 1, 3, 4);
        var near = x with { Data = x.Data.Select(v => v + 1e-9).ToArray() };
        var far = x with { Data = x.Data.Select((v, i) => i == 5 ? v + 1e-3 : v).ToArray() };
        var nan = InputFactory.Of(ScalarType.Float64, [3], 1, double.NaN, 2);
        yield return Case("allclose.near", [x, near], t => t[0].AllClose(t[1]), "torch.allclose", X0, X1);
        yield return Case("allclose.far", [x, far], t => t[0].AllClose(t[1]), "torch.allclose", X0, X1);
        yield return Case("allclose.far.loose", [x, far], t => t[0].AllClose(t[1], atol: 1e-2), "torch.allclose", X0, X1, Arg.Kw(("atol", 1e-2)));
        yield return Case("allclose.tight", [x, near], t => t[0].AllClose(t[1], rtol: 0, atol: 1e-12), "torch.allclose", X0, X1, Arg.Kw(("rtol", 0.0), ("atol", 1e-12)));
        yield return Case("allclose.nan", [nan, nan], t => t[0].AllClose(t[1]), "torch.allclose", X0, X1);
        yield return Case("allclose.nan.equal", [nan, nan], t => t[0].AllClose(t[1], equalNan: true), "torch.allclose", X0, X1, Arg.Kw(("equal_nan", true)));
        yield return Case("allclose.broadcast", [x, InputFactory.Of(ScalarType.Float64, [1], 0.5)], t => t[0].AllClose(t[1], atol: 2), "torch.allclose", X0, X1, Arg.Kw(("atol", 2.0)));
        yield return Case("equal.same", [x, x], t => t[0].Equal(t[1]), "torch.equal", X0, X1);
        yield return Case("equal.near", [x, near], t => t[0].Equal(t[1]), "torch.equal", X0, X1);
        yield return Case("equal.shape", [x, x with { Shape = [4, 3] }], t => t[0].Equal(t[1]), "torch.equal", X0, X1);
        yield return Case("equal.int64", [g.Ints(0, 3, [5]), g.Ints(0, 3, [5])], t => t[0].Equal(t[1]), "torch.equal", X0, X1);
    }

    private static IEnumerable<ReferenceCase> Creation()
    {
        yield return Case("arange.int", [], _ => Tensor.Arange(0, 10, 3), "torch.arange", 0L, 10L, 3L);
        yield return Case("arange.end", [], _ => Tensor.Arange(5), "torch.arange", 5L);
        yield return Case("arange.float64", [], _ => Tensor.Arange(-1, 1, 0.3, ScalarType.Float64), "torch.arange", -1.0, 1.0, 0.3, Arg.Kw(("dtype", Arg.DType(ScalarType.Float64))));
        yield return Case("linspace", [], _ => Tensor.Linspace(-2, 3, 7, ScalarType.Float64), "torch.linspace", -2.0, 3.0, 7L, Arg.Kw(("dtype", Arg.DType(ScalarType.Float64))));
        yield return Case("linspace.float32", [], _ => Tensor.Linspace(0, 1, 5), "torch.linspace", 0.0, 1.0, 5L);
        yield return Case("eye", [], _ => Tensor.Eye(3), "torch.eye", 3L);
        yield return Case("full", [], _ => Tensor.Full([2, 3], 2.5), "torch.full", Arg.Tuple(2L, 3L), 2.5);
        yield return Case("zeros.int64", [], _ => Tensor.Zeros([4], ScalarType.Int64), "torch.zeros", 4L, Arg.Kw(("dtype", Arg.DType(ScalarType.Int64))));
        yield return Case("ones.float64", [], _ => Tensor.Ones([2, 2], ScalarType.Float64), "torch.ones", 2L, 2L, Arg.Kw(("dtype", Arg.DType(ScalarType.Float64))));
        yield return Case("rand.generator", [], _ => Seeded(7, g => Tensor.Rand([3, 4], g, ScalarType.Float64)), "lambda: torch.rand(3, 4, generator=torch.Generator().manual_seed(7), dtype=torch.float64)");
        yield return Case("rand.generator.float32", [], _ => Seeded(7, g => Tensor.Rand([5], g)), "lambda: torch.rand(5, generator=torch.Generator().manual_seed(7))");
        yield return Case("randn.generator", [], _ => Seeded(11, g => Tensor.Randn([2, 5], g, ScalarType.Float64)), "lambda: torch.randn(2, 5, generator=torch.Generator().manual_seed(11), dtype=torch.float64)");
        yield return Case("randint.generator", [], _ => Seeded(3, g => Tensor.RandInt(-4, 9, [10], g)), "lambda: torch.randint(-4, 9, (10,), generator=torch.Generator().manual_seed(3))");
        yield return Case("randperm.generator", [], _ => Seeded(5, g => Tensor.RandPerm(9, g)), "lambda: torch.randperm(9, generator=torch.Generator().manual_seed(5))");
    }

    private static Tensor Seeded(ulong seed, Func<Generator, Tensor> sample)
    {
        using var generator = new Generator(seed);
        return sample(generator);
    }
}
