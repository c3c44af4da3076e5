using System.Globalization;
using LotteryTickets.Cli.Commands;
using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using TorchSharp;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Cli.Pruning;

/// <summary>
/// The work of <c>lottery prune</c>: reads the weights (and optionally initial weights and a starting
/// mask) from safetensors files, checks that they describe the same tensors, prunes on the CPU and
/// writes the mask under the weights' names.
/// </summary>
internal static class FilePruner
{
    /// <summary>Computes and writes the mask.</summary>
    /// <returns>The sparsity of the mask written.</returns>
    /// <exception cref="CliUsageException">The criterion needs the initial weights and none were given.</exception>
    /// <exception cref="CliFailureException">A file is missing or the files do not match.</exception>
    public static SparsityReport Prune(PruneRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InitPath is null && CriterionNeeds.InitialWeights(request.Criterion))
        {
            throw new CliUsageException(
                $"The criterion '{request.Criterion.Name}' compares the trained weights with the initial ones; pass the initial weights with '--init I.safetensors'.");
        }

        CheckPaths(request);
        using var scope = torch.NewDisposeScope();
        var weights = Load(request.WeightsPath, "weights", "--weights");
        var layers = PrunableParameters.FromTensors(weights);
        if (layers.Count == 0)
        {
            throw new CliFailureException(
                $"The weights file '{request.WeightsPath}' holds no tensor of rank 2 or more, so there is nothing to prune; pass a file of weight matrices or convolution kernels.");
        }

        Dictionary<string, Tensor>? initial = null;
        if (request.InitPath is not null)
        {
            initial = Load(request.InitPath, "initial weights", "--init");
            CheckSameTensors(layers, request.WeightsPath, initial.Where(t => t.Value.dim() >= 2), request.InitPath, "initial weights");
        }

        using var current = request.MaskPath is null ? Mask.Dense(layers) : LoadMask(request.MaskPath, layers, request.WeightsPath);
        using var generator = new torch.Generator(request.Seed);
        var context = new CriterionContext(current, generator) { FinalWeights = weights, InitialWeights = initial };
        using var result = Pruner.Prune(request.Criterion, context, new PruningAmounts(request.Amount), request.Scope);

        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(request.OutputPath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            result.Save(request.OutputPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PathChecks.WriteFailed(request.OutputPath, "mask file", "'--out'", e);
        }

        return result.Sparsity();
    }

    /// <summary>
    /// Refuses an output that is one of the inputs (a usage error: it would overwrite them), then checks that the inputs are
    /// files and that the output can be written, before any work.
    /// </summary>
    private static void CheckPaths(PruneRequest request)
    {
        var inputs = new (string? Path, string Option, string What)[]
        {
            (request.WeightsPath, "--weights", "weights"),
            (request.InitPath, "--init", "initial weights"),
            (request.MaskPath, "--mask", "starting mask"),
        };
        if (string.IsNullOrWhiteSpace(request.OutputPath))
        {
            throw new CliUsageException("The path given to '--out' is empty; give the path of the mask file to write.");
        }

        foreach (var (path, option, what) in inputs)
        {
            if (path is not null && string.IsNullOrWhiteSpace(path))
            {
                throw new CliUsageException($"The path given to '{option}' is empty; give the path of the {what} file.");
            }

            if (path is not null && PathChecks.SameFile(request.OutputPath, path))
            {
                throw new CliUsageException(
                    $"'--out' names the same file as '{option}' ('{PathChecks.Full(path)}'), so writing the mask would overwrite the {what}; give '--out' the path of a new file for the mask.");
            }
        }

        PathChecks.InputFile(request.WeightsPath, "weights", "--weights");
        if (request.InitPath is not null)
        {
            PathChecks.InputFile(request.InitPath, "initial weights", "--init");
        }

        if (request.MaskPath is not null)
        {
            PathChecks.InputFile(request.MaskPath, "mask", "--mask");
        }

        PathChecks.OutputFile(request.OutputPath, "mask file", "'--out'");
    }

    private static Dictionary<string, Tensor> Load(string path, string what, string option)
    {
        PathChecks.InputFile(path, what, option);
        return SafeTensors.Load(path);
    }

    private static Mask LoadMask(string path, IReadOnlyList<PrunableLayer> layers, string weightsPath)
    {
        var tensors = Load(path, "mask", "--mask");
        CheckSameTensors(layers, weightsPath, tensors, path, "mask");
        return Mask.Create(tensors, layers);
    }

    private static void CheckSameTensors(
        IReadOnlyList<PrunableLayer> layers, string weightsPath, IEnumerable<KeyValuePair<string, Tensor>> other, string otherPath, string what)
    {
        var others = other.ToDictionary(t => t.Key, t => t.Value.shape, StringComparer.Ordinal);
        var names = layers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var onlyInWeights = layers.Where(l => !others.ContainsKey(l.Name)).Select(l => l.Name).ToList();
        var onlyInOther = others.Keys.Where(n => !names.Contains(n)).ToList();
        if (onlyInWeights.Count > 0)
        {
            problems.Add($"only in the weights: {Quote(onlyInWeights)}");
        }

        if (onlyInOther.Count > 0)
        {
            problems.Add($"only in the {what}: {Quote(onlyInOther)}");
        }

        var shapes = layers
            .Where(l => others.TryGetValue(l.Name, out var s) && !s.SequenceEqual(l.Shape))
            .Select(l => $"'{l.Name}' is {Shape(l.Shape)} in the weights but {Shape(others[l.Name])} in the {what}")
            .ToList();
        if (shapes.Count > 0)
        {
            problems.Add("different shapes: " + string.Join("; ", shapes));
        }

        if (problems.Count > 0)
        {
            throw new CliFailureException(
                $"The {what} '{otherPath}' do not match the prunable tensors (rank >= 2) of the weights '{weightsPath}':"
                + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p))
                + Environment.NewLine + $"Give the {what} of the same model, with the same tensor names.");
        }
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string Shape(long[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
