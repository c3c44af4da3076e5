using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>
/// Every reference case, by family (one partial file per family). Inputs come from seeded
/// generators, so the list is the same on every run.
/// </summary>
internal static partial class ReferenceCases
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceCase>> All = new(Build);

    /// <summary>The cases by name.</summary>
    public static IReadOnlyDictionary<string, ReferenceCase> ByName => All.Value;

    private static Arg.InputRef X0 => Arg.In(0);

    private static Arg.InputRef X1 => Arg.In(1);

    private static Arg.InputRef X2 => Arg.In(2);

    private static IReadOnlyDictionary<string, ReferenceCase> Build()
    {
        var cases = new Dictionary<string, ReferenceCase>();
        foreach (var c in Creation().Concat(Unary()).Concat(Binary()).Concat(OtherPointwise()).Concat(Reductions())
                     .Concat(LinearAlgebra()).Concat(Shape()).Concat(Joining()).Concat(Indexing()).Concat(Sorting()).Concat(Comparison()))
        {
            if (!cases.TryAdd(c.Name, c))
            {
                throw new InvalidOperationException($"Two reference cases are named '{c.Name}'.");
            }
        }

        return cases;
    }

    // A Python list argument (typed as object so that a lone list is not taken for the params array).
    private static object Tensors(params object?[] items) => items;

    private static ReferenceCase Case(string name, ReferenceInput[] inputs, Func<Tensor[], object> compute, string op, params object?[] args) =>
        new(name, inputs, compute, op, args);
}
