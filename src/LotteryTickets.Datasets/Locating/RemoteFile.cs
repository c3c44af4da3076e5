namespace LotteryTickets.Datasets.Locating;

/// <summary>A file that a dataset can be downloaded from, relative to its base URL, with its known SHA-256.</summary>
/// <param name="FileName">The file name under the base URL, also the name it is saved under.</param>
/// <param name="Sha256">The SHA-256 of the file, in hexadecimal.</param>
/// <param name="IsTarGzArchive">Whether the file is a .tar.gz archive whose dataset files are extracted (and the archive then removed).</param>
public sealed record RemoteFile(string FileName, string Sha256, bool IsTarGzArchive = false);
