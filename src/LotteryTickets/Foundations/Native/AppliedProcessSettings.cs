namespace LotteryTickets.Native;

/// <summary>What <see cref="Engine.ConfigureProcess"/> changed in the process.</summary>
/// <param name="HostAllocatorTuned">Whether glibc malloc's thresholds were set.</param>
/// <param name="OneDnnMaxIsa">The oneDNN cap set, or <see langword="null"/> when oneDNN was left alone.</param>
/// <param name="NumThreads">The intra-op thread count set, or <see langword="null"/> when it was left alone.</param>
public sealed record AppliedProcessSettings(bool HostAllocatorTuned, string? OneDnnMaxIsa, int? NumThreads);
