using LotteryTickets.Results;

namespace LotteryTickets.Storage;

/// <summary>The finished runs of one experiment folder of a store.</summary>
/// <param name="Name">The experiment name (the folder name when it is not of the form <c>&lt;name&gt;-&lt;hash&gt;</c>).</param>
/// <param name="Hash">The experiment hash, or an empty string when the folder name has none.</param>
/// <param name="Folder">The experiment folder.</param>
/// <param name="Runs">The finished runs, sorted by level, branch (main first), then trial.</param>
public sealed record ExperimentResults(string Name, string Hash, string Folder, IReadOnlyList<RunRecord> Runs);
