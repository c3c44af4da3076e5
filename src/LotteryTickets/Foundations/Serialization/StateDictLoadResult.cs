namespace LotteryTickets.Serialization;

/// <summary>The keys that did not match when loading a state dict into a module.</summary>
/// <param name="MissingKeys">The module's keys absent from the state dict (left unchanged).</param>
/// <param name="UnexpectedKeys">The state dict's keys the module does not have (ignored).</param>
/// <param name="MismatchedKeys">The keys present in both with different shapes (left unchanged).</param>
public sealed record StateDictLoadResult(
    IReadOnlyList<string> MissingKeys,
    IReadOnlyList<string> UnexpectedKeys,
    IReadOnlyList<ShapeMismatch> MismatchedKeys)
{
    /// <summary>Whether every key matched, with the same shape.</summary>
    public bool IsExactMatch => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0 && MismatchedKeys.Count == 0;
}
