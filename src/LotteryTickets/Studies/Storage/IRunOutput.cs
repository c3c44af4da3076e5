using LotteryTickets.Results;
using static TorchSharp.torch;

namespace LotteryTickets.Storage;

/// <summary>What a run kind stores, called by the <see cref="RunExecutor"/> at fixed points of the one recipe.</summary>
internal interface IRunOutput
{
    /// <summary>The start is in place (rewind point restored, start weights loaded, mask applied); training has not begun, or resumes.</summary>
    /// <param name="model">The network (borrowed).</param>
    void Started(nn.Module<Tensor, Tensor> model);

    /// <summary>The run is complete: writes its files, except the <c>done</c> marker.</summary>
    /// <param name="model">The trained network (borrowed).</param>
    /// <param name="metrics">The run's evaluations.</param>
    void Write(nn.Module<Tensor, Tensor> model, RunMetrics metrics);

    /// <summary>Writes the <c>done</c> marker, last, once the checkpoints are removed.</summary>
    void MarkDone();
}
