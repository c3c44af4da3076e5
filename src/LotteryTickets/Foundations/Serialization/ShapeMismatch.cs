namespace LotteryTickets.Serialization;

/// <summary>A state-dict key whose tensor has a different shape from the module's.</summary>
/// <param name="Key">The dotted name.</param>
/// <param name="StateDictShape">The shape in the state dict.</param>
/// <param name="ModuleShape">The shape in the module.</param>
public sealed record ShapeMismatch(string Key, IReadOnlyList<long> StateDictShape, IReadOnlyList<long> ModuleShape)
{
    /// <summary>The key and both shapes, e.g. <c>'0.weight' is [4, 3] in the state dict but [3, 3] in the module</c>.</summary>
    public override string ToString() =>
        $"'{Key}' is [{string.Join(", ", StateDictShape)}] in the state dict but [{string.Join(", ", ModuleShape)}] in the module";
}
