using LotteryTickets.Datasets.Loading;
using LotteryTickets.Tickets;

namespace LotteryTickets.Experiments;

/// <summary>
/// Every seed of one trial, derived from the plan's seed and the trial number alone (never from run order), so that a
/// resumed experiment draws the same numbers: initialization, data order, pruning tie-breaks per level, and each
/// branch's transforms per level, a gradual run's pruning, and the seeds of each instability analysis.
/// </summary>
internal readonly struct TrialSeeds(ulong seed, int trial)
{
    private const ulong TrialStream = 0x7472_6961_6C00_0001;
    private const ulong InitStream = 0x696E_6974_0000_0002;
    private const ulong DataStream = 0x6461_7461_0000_0003;
    private const ulong PruneStream = 0x7072_756E_6500_0004;
    private const ulong TransformStream = 0x7472_616E_7300_0005;
    private const ulong GradualStream = 0x6772_6164_0000_0006;
    private const ulong InstabilityStream = 0x696E_7374_6162_0008;
    private const ulong PairedInstabilityStream = 0x7061_6972_6564_0009;

    public ulong Trial { get; } = SplitMix64.Derive(seed, TrialStream, (ulong)trial);

    public ulong Init => SplitMix64.Derive(Trial, InitStream);

    public ulong Data(ulong dataOrderSeed) => SplitMix64.Derive(Trial, DataStream, dataOrderSeed);

    public ulong Prune(int level) => SplitMix64.Derive(Trial, PruneStream, (ulong)level);

    /// <summary>The seed of a gradual run's pruning generator (tie-breaks and random criteria).</summary>
    public ulong Gradual => SplitMix64.Derive(Trial, GradualStream);

    public ulong Transform(int level, string branch, int index) =>
        SplitMix64.Derive(SplitMix64.Derive(Trial, TransformStream, (ulong)level, StableHash.Of(branch)), TransformStream, (ulong)index);

    /// <summary>
    /// The seed of one instability analysis (level, branch whose mask is used, rewind point's label), from which the two
    /// copies' data-order seeds (<see cref="Analysis.Instability.StabilitySeeds.Derive"/>) and the batch-norm batches are drawn.
    /// </summary>
    public ulong Instability(int level, string branch, string rewind) =>
        SplitMix64.Derive(SplitMix64.Derive(Trial, InstabilityStream, (ulong)level, StableHash.Of(branch)), InstabilityStream, StableHash.Of(rewind));

    /// <summary>
    /// The seed of the instability analyses of one level and rewind point, shared by every branch (the tickets and their
    /// controls train on the same two data orders and recompute batch-norm statistics on the same batches).
    /// </summary>
    public ulong PairedInstability(int level, string rewind) =>
        SplitMix64.Derive(SplitMix64.Derive(Trial, PairedInstabilityStream, (ulong)level), PairedInstabilityStream, StableHash.Of(rewind));
}
