using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Cli.Pruning;

/// <summary>
/// Finds out what a criterion needs by scoring a tiny probe layer: first with the trained weights
/// only, then with the initial weights too. This works for any <see cref="IMaskCriterion"/>, not
/// only the built-ins, so the CLI can say "pass --init" before loading anything large.
/// </summary>
internal static class CriterionNeeds
{
    /// <summary>Whether <paramref name="criterion"/> needs the initial weights.</summary>
    /// <exception cref="CliFailureException">The criterion needs more than weights (e.g. gradients), which the CLI cannot give.</exception>
    public static bool InitialWeights(IMaskCriterion criterion)
    {
        using var scope = torch.NewDisposeScope();
        var probe = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["probe"] = torch.tensor(new[] { 1f, -2f, 3f, -4f }, dimensions: new long[] { 2, 2 }) };
        var layers = PrunableParameters.FromTensors(probe);
        using var mask = Mask.Dense(layers);
        using var generator = new torch.Generator(0);
        if (Scores(criterion, new CriterionContext(mask, generator) { FinalWeights = probe }) is null)
        {
            return false;
        }

        var initial = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["probe"] = torch.tensor(new[] { -1f, 2f, 0.5f, -4f }, dimensions: new long[] { 2, 2 }) };
        var error = Scores(criterion, new CriterionContext(mask, generator) { FinalWeights = probe, InitialWeights = initial });
        return error is null
            ? true
            : throw new CliFailureException(
                $"The criterion '{criterion.Name}' needs more than the weights in files ({error.Message}); use it from C# with a CriterionContext that has what it needs.");
    }

    private static InvalidOperationException? Scores(IMaskCriterion criterion, CriterionContext context)
    {
        try
        {
            criterion.Score(context);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
