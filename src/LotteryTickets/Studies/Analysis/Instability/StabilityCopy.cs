using LotteryTickets.Results;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Analysis.Instability;

/// <summary>One trained copy of a stability test: its final state dict and its training metrics.</summary>
public sealed class StabilityCopy : IDisposable
{
    /// <summary>Takes ownership of <paramref name="final"/>.</summary>
    /// <param name="dataOrderSeed">The data-order seed the copy trained with.</param>
    /// <param name="final">The final state dict (owned by the new instance).</param>
    /// <param name="metrics">The evaluations of the training run.</param>
    public StabilityCopy(ulong dataOrderSeed, OrderedDictionary<string, Tensor> final, RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(metrics);
        DataOrderSeed = dataOrderSeed;
        Final = final;
        Metrics = metrics;
    }

    /// <summary>The data-order seed the copy trained with.</summary>
    public ulong DataOrderSeed { get; }

    /// <summary>The final state dict, in the model's order (owned; released by <see cref="Dispose"/>).</summary>
    public OrderedDictionary<string, Tensor> Final { get; }

    /// <summary>The evaluations of the training run.</summary>
    public RunMetrics Metrics { get; }

    /// <summary>Releases the final tensors.</summary>
    public void Dispose() => StateDicts.DisposeAll(Final.Values);
}
