using System.Text.Json.Nodes;

namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>
/// One operation computed twice on the same inputs: by the C# binding (<see cref="Compute"/>) and by
/// PyTorch (<see cref="Op"/> with <see cref="Args"/>, see <c>Python/reference_ops.py</c>).
/// </summary>
/// <param name="Name">A unique name, family first (<c>sort.dim0.descending</c>).</param>
/// <param name="Inputs">The input tensors.</param>
/// <param name="Compute">The C# computation; it may return a tensor, a tuple or array of tensors, a bool or a number.</param>
/// <param name="Op">The Python callable: a dotted path from torch/Tensor/F, or a lambda over the inputs.</param>
/// <param name="Args">Positional arguments, with <see cref="Arg.Kw"/> entries collected as keyword arguments.</param>
internal sealed record ReferenceCase(string Name, ReferenceInput[] Inputs, Func<Tensor[], object> Compute, string Op, object?[] Args)
{
    /// <summary>The JSON form read by <c>reference_ops.py</c>.</summary>
    public JsonObject ToJson()
    {
        var kwargs = new JsonObject();
        var args = new JsonArray();
        foreach (var a in Args)
        {
            if (a is Arg.KwArgs kw)
            {
                foreach (var (name, value) in kw.Pairs)
                {
                    kwargs[name] = Arg.ToJson(value);
                }
            }
            else
            {
                args.Add(Arg.ToJson(a));
            }
        }

        return new JsonObject
        {
            ["name"] = Name,
            ["op"] = Op,
            ["inputs"] = new JsonArray(Inputs.Select(i => (JsonNode)i.ToJson()).ToArray()),
            ["args"] = args,
            ["kwargs"] = kwargs,
        };
    }

    /// <summary>The case name (shown by the test runner).</summary>
    public override string ToString() => Name;
}
