namespace LotteryTickets.Components;

/// <summary>
/// A component (criterion, schedule, rewind policy, ticket transform) whose parameters take part in an experiment's
/// content hash. Components that do not implement it are identified by their name (or type) alone, so two instances
/// with different parameters would share a store folder: implement it whenever a component has parameters.
/// </summary>
public interface IDescribable
{
    /// <summary>
    /// The parameters that distinguish this component from others of the same name, as JSON-like values: strings,
    /// booleans, numbers, <see langword="null"/>, enums (written by name), and lists or string-keyed dictionaries of
    /// these. Keys are sorted when hashed. Leave out parameters at their default values, so that adding a parameter
    /// later does not change the hashes of existing experiments.
    /// </summary>
    /// <returns>The parameters by name.</returns>
    IReadOnlyDictionary<string, object?> DescribeParameters();
}
