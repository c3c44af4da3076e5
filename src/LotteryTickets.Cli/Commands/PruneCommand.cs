using System.CommandLine;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Pruning;
using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Commands;

/// <summary><c>lottery prune</c>: computes a mask for the tensors of a safetensors file.</summary>
internal static class PruneCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var weights = OptionParsers.Path("--weights", "The trained weights (safetensors); every tensor of rank >= 2 is prunable.", required: true);
        var init = OptionParsers.Path("--init", "The initial (or rewind-point) weights, for criteria that compare them with the trained ones.", required: false);
        var mask = OptionParsers.Path("--mask", "A mask to start from; the weights it prunes stay pruned.", required: false);
        var criterion = new Option<string>("--criterion")
        {
            Description = "The mask criterion, e.g. large_final, magnitude_increase, movement, random, large_final_same_sign, or one a --parts assembly registers, with its options, e.g. magnitude_power(power=3).",
            HelpName = "name",
            Required = true,
        };
        var scope = new Option<string>("--scope")
        {
            Description = "layerwise (each layer prunes its own share) or global (one threshold across layers).",
            HelpName = "layerwise|global",
            Required = true,
        };
        var sparsity = OptionParsers.Number("--sparsity", "The target fraction of prunable weights that are zero afterwards, in [0, 1).");
        var rate = OptionParsers.Number("--rate", "The fraction of the remaining weights to prune, in [0, 1).");
        var seed = OptionParsers.Seed("--seed", "The seed of the random tie-breaking order (and of the random criterion).");
        var parts = PartsOption.Create("--criterion");
        var output = OptionParsers.Path("--out", "The mask file to write (safetensors, one 0/1 tensor per prunable tensor, under the weights' names).", required: true);

        var command = new Command("prune", "Compute a mask for the tensors of a safetensors file and print its sparsity per layer.")
        {
            weights, init, mask, criterion, scope, sparsity, rate, seed, output, parts,
        };
        command.SetAction(parse =>
        {
            var request = new PruneRequest(
                parse.GetValue(weights)!,
                parse.GetValue(init),
                parse.GetValue(mask),
                ParseCriterion(parse.GetValue(criterion)!, PartsOption.Load(parse.GetValue(parts) ?? [], stderr)),
                ParseScope(parse.GetValue(scope)!),
                ParseAmount(parse.GetValue(sparsity), parse.GetValue(rate)),
                parse.GetValue(seed),
                parse.GetValue(output)!);
            var report = FilePruner.Prune(request);
            stdout.Write(SparsityTable.Render(report));
            stderr.WriteLine(
                $"Wrote the mask ({request.Criterion.Name}, {request.Scope.ToString().ToLowerInvariant()}, {request.Amount}, seed {request.Seed}) to '{Path.GetFullPath(request.OutputPath)}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The criterion <paramref name="text"/> names in <paramref name="parts"/>, as an experiment file names one.</summary>
    /// <exception cref="CliUsageException">The name is unknown or an option is bad; the message lists every problem.</exception>
    internal static IMaskCriterion ParseCriterion(string text, ComponentRegistry parts)
    {
        var errors = new List<string>();
        return parts.Criteria.TryCreate(ExperimentNames.Canonical(parts.Criteria, text), errors)
            ?? throw new CliUsageException(errors.Count == 1
                ? errors[0]
                : $"The criterion '{text}' given to '--criterion' is invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "- " + e)));
    }

    internal static PruningScope ParseScope(string text) => text.ToLowerInvariant() switch
    {
        "layerwise" => PruningScope.Layerwise,
        "global" => PruningScope.Global,
        _ => throw new CliUsageException($"The scope '{text}' is unknown; give 'layerwise' or 'global'."),
    };

    internal static PruneAmount ParseAmount(double? sparsity, double? rate)
    {
        switch (sparsity, rate)
        {
            case (null, null):
                throw new CliUsageException("Give how much to prune: '--sparsity S' (the target fraction of prunable weights that are zero) or '--rate R' (the fraction of the remaining weights to prune).");
            case ({ }, { }):
                throw new CliUsageException("Give either '--sparsity' or '--rate', not both: '--sparsity' sets the target fraction of zeros, '--rate' the fraction of the remaining weights to prune.");
            case ({ } s, null):
                CheckFraction("--sparsity", s);
                return PruneAmount.TargetSparsity(s);
            default:
                CheckFraction("--rate", rate!.Value);
                return PruneAmount.FractionOfRemaining(rate.Value);
        }
    }

    private static void CheckFraction(string option, double value)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new CliUsageException(
                $"The value {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} of '{option}' is outside [0, 1); give a fraction such as 0.8 (1 would prune every weight).");
        }
    }
}
