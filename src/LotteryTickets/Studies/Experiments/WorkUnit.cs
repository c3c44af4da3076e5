namespace LotteryTickets.Experiments;

/// <summary>
/// One piece of an experiment's work that one process does alone: a run (or an analysis) with its folder, where its
/// lock lives, the units that must be done before it, and its slot, which decides the shard it belongs to
/// (<c>slot mod count</c>).
/// </summary>
/// <param name="name">What the unit is, for messages (e.g. the run's key).</param>
/// <param name="folder">The folder of its results and its lock.</param>
/// <param name="isDone">Whether its results are complete in the store.</param>
/// <param name="dependencies">The units whose results it reads.</param>
/// <param name="slot">Its place in the deterministic division of the work between shards.</param>
/// <param name="execute">Does the work (resuming whatever it finds), given a token that stops it.</param>
internal sealed class WorkUnit(
    string name, string folder, Func<bool> isDone, IReadOnlyList<WorkUnit> dependencies, int slot, Action<CancellationToken> execute)
{
    /// <summary>What the unit is, for messages.</summary>
    public string Name { get; } = name;

    /// <summary>The folder of its results and its lock.</summary>
    public string Folder { get; } = folder;

    /// <summary>The units whose results it reads.</summary>
    public IReadOnlyList<WorkUnit> Dependencies { get; } = dependencies;

    /// <summary>Its place in the division of the work between shards.</summary>
    public int Slot { get; } = slot;

    /// <summary>Whether the unit's results are complete in the store.</summary>
    public bool IsDone => isDone();

    /// <summary>Whether every unit it depends on is done.</summary>
    public bool IsReady => Dependencies.All(d => d.IsDone);

    /// <summary>Whether the unit belongs to <paramref name="shard"/> (every unit does without a shard).</summary>
    /// <param name="shard">The shard, or <see langword="null"/>.</param>
    /// <returns>Whether it is the shard's.</returns>
    public bool BelongsTo(Shard? shard) => shard is not { } s || Slot % s.Count == s.Index;

    /// <summary>Does the work (resuming whatever it finds).</summary>
    /// <param name="cancellationToken">Stops it.</param>
    public void Execute(CancellationToken cancellationToken) => execute(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Name;
}
