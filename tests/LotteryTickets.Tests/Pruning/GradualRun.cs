using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Pruning;

/// <summary>A tiny MLP trained on Gaussian blobs (30 iterations, 10 per epoch) with a gradual pruning callback first and any other callbacks after it.</summary>
internal sealed class GradualRun : IDisposable
{
    public GradualRun(
        IGradualPruneSchedule schedule,
        TrainingOptions? options = null,
        IMaskCriterion? criterion = null,
        ulong pruningSeed = 5,
        ulong modelSeed = 1,
        params ITrainingCallback[] more)
    {
        Model = new TinyMlp(modelSeed);
        Generator = new Generator(pruningSeed);
        Pruning = new GradualPruningCallback(schedule, PrunableParameters.Select(Model), Generator, criterion);
        Trainer = TinyTask.CreateTrainer(Model, options, [Pruning, .. more]);
    }

    public TinyMlp Model { get; }

    public Generator Generator { get; }

    public GradualPruningCallback Pruning { get; }

    public Trainer Trainer { get; }

    public TrainingResult Run() => Trainer.Run();

    /// <summary>The (layer, remaining count) pairs of the history, for comparing runs.</summary>
    public IEnumerable<string> HistoryText() =>
        Pruning.History.Select(h => h.Iteration + ":" + string.Join(",", h.Sparsity.Layers.Select(l => l.Remaining)));

    public void Dispose()
    {
        Trainer.Dispose();
        Pruning.Dispose();
        Generator.Dispose();
        Model.Dispose();
    }

    /// <summary>Whether every parameter and buffer of <paramref name="model"/> equals <paramref name="expected"/>, with the masked weights zero where <paramref name="mask"/> prunes them (bit for bit).</summary>
    public static bool HoldsMasked(nn.Module model, IReadOnlyDictionary<string, Tensor> expected, Mask mask)
    {
        using var scope = NewDisposeScope();
        var state = model.state_dict();
        if (state.Count != expected.Count)
        {
            return false;
        }

        foreach (var (name, actual) in state)
        {
            var want = expected[name];
            if (mask.Contains(name))
            {
                want = where(mask[name].ne(0), want, want.zeros_like());
            }

            if (!Same(actual, want))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two tensors have the same shape and equal values.</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.shape.SequenceEqual(b.shape) && a.eq(b.to(a.device)).all().item<bool>();
    }

    /// <summary>The number of weights that the mask prunes but that are not exactly zero.</summary>
    public static long RevivedWeights(nn.Module model, Mask mask)
    {
        using var scope = NewDisposeScope();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        return mask.Names.Sum(n => parameters[n].detach().ne(0).logical_and(mask[n].eq(0)).count_nonzero().ToInt64());
    }
}

/// <summary>Runs the given actions at its hooks.</summary>
internal sealed class Probe : ITrainingCallback
{
    public Action<TrainingState>? AtStart { get; init; }

    public Action<TrainingState>? BeforeStep { get; init; }

    public Action<TrainingState>? AfterOptimizerStep { get; init; }

    public Action<TrainingState>? AtIterationEnd { get; init; }

    public Action<TrainingState>? AtEnd { get; init; }

    public void OnTrainingStart(TrainingState state) => AtStart?.Invoke(state);

    public void OnBeforeStep(TrainingState state) => BeforeStep?.Invoke(state);

    public void OnAfterOptimizerStep(TrainingState state) => AfterOptimizerStep?.Invoke(state);

    public void OnIterationEnd(TrainingState state) => AtIterationEnd?.Invoke(state);

    public void OnTrainingEnd(TrainingState state) => AtEnd?.Invoke(state);
}
