using LotteryTickets.Storage;

namespace LotteryTickets.Experiments;

/// <summary>The files of one report, written atomically into its folder in the order they are saved.</summary>
internal sealed class ReportFiles
{
    private readonly string folder;
    private readonly List<string> written = [];

    /// <summary>Creates <paramref name="folder"/> if needed.</summary>
    public ReportFiles(string folder)
    {
        this.folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>The paths written so far, in order.</summary>
    public IReadOnlyList<string> Written => written;

    /// <summary>Writes <paramref name="content"/> to <paramref name="fileName"/> in the folder, atomically.</summary>
    public void Save(string fileName, string content)
    {
        var path = Path.Combine(folder, fileName);
        AtomicFile.WriteAllText(path, content);
        written.Add(path);
    }
}
