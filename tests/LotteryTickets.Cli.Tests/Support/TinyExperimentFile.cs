using System.Globalization;

namespace LotteryTickets.Cli.Tests.Support;

/// <summary>
/// A tiny experiment file for real runs: LeNet-300-100 at a tenth of its width on 512 Gaussian blobs (1×8×8, 4
/// classes), 2 IMP levels at rate 0.5 with a random-reinitialization control, Adam — 5 runs.
/// </summary>
internal static class TinyExperimentFile
{
    /// <summary>The number of runs: the dense level, then the main ticket and the control at each of the 2 levels.</summary>
    public const int Runs = 5;

    /// <summary>Writes the file to <paramref name="path"/>, each run <paramref name="iterations"/> iterations long.</summary>
    public static string Write(string path, int iterations = 30) => Write(path, iterations, trials: 1, shuffleControl: false);

    /// <summary>
    /// Writes the file with <paramref name="trials"/> trials and, when <paramref name="shuffleControl"/>, a second control
    /// (<c>shuffle: reshuffle</c>): <c>trials × (1 + 2 × branches)</c> runs; unfinished runs save checkpoints every
    /// <paramref name="checkpointInterval"/> when given; with <paramref name="instability"/>, an instability analysis of
    /// every level at rewind points 0 and 100 iterations (5 points along each path).
    /// </summary>
    public static string Write(string path, int iterations, int trials, bool shuffleControl, string? checkpointInterval = null, bool instability = false)
    {
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"""
            name: tiny
            model:
              name: lenet_300_100
              options: {"{"} widthMultiplier: 0.1 {"}"}
            dataset: {"{"} name: gaussian_blobs, validation: 64 {"}"}
            training:
              duration: {iterations}it
              batchSize: 32
              optimizer: adam
              learningRate: 0.01
              evaluationInterval: {Math.Max(1, iterations / 3)}it
            {(checkpointInterval is null ? "" : "  checkpointInterval: " + checkpointInterval)}
            pruning:
              iterative: {"{"} levels: 2, rate: 0.5 {"}"}
            branches:
              reinit: random_reinit
            {(shuffleControl ? "  shuffle: reshuffle" : "")}
            trials: {trials}
            seed: 1
            {(instability ? "analysis: { instability: { rewindPoints: [0it, 100it], points: 5 } }" : "")}
            """));
        return path;
    }

    /// <summary>The run folders of the experiment folder in <paramref name="store"/>, relative to it, sorted.</summary>
    public static string[] RunFolders(string experimentFolder) =>
        [.. Directory.EnumerateFiles(experimentFolder, "done", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(experimentFolder, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>The metrics, mask and final-weights files of every run (relative path → bytes).</summary>
    public static SortedDictionary<string, byte[]> RunFiles(string experimentFolder) => new(
        Directory.EnumerateFiles(experimentFolder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "metrics.json" or "metrics.csv" or "mask.safetensors" or "final.safetensors")
            .ToDictionary(f => Path.GetRelativePath(experimentFolder, f), File.ReadAllBytes),
        StringComparer.Ordinal);
}
