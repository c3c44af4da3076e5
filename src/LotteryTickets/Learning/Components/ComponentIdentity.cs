namespace LotteryTickets.Components;

/// <summary>
/// How a component made by a <see cref="ComponentCatalog{T}"/> is identified in a plan's description: its registered
/// name and the options given that differ from their defaults. Built-in components keep the description they had
/// before the registry (their own name and parameters), so existing experiments keep their hashes.
/// </summary>
/// <param name="Name">The registered name (with a sign-filter suffix for a filtered criterion).</param>
/// <param name="Options">The non-default options, by key.</param>
/// <param name="BuiltIn">Whether the library registered it.</param>
internal sealed record ComponentIdentity(string Name, IReadOnlyDictionary<string, object?> Options, bool BuiltIn);
