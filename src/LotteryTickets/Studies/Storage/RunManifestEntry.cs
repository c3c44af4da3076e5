namespace LotteryTickets.Storage;

/// <summary>One file of a finished run as its <see cref="RunManifest"/> records it.</summary>
/// <param name="Length">The file's size in bytes.</param>
/// <param name="Sha256">The SHA-256 of its contents, 64 lowercase hexadecimal digits.</param>
public sealed record RunManifestEntry(long Length, string Sha256);
