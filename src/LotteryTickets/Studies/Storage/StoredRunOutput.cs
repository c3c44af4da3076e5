using LotteryTickets.Masks;
using LotteryTickets.Results;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Storage;

/// <summary>
/// The files of a run of a plan in its store folder (<see cref="RunPaths"/>): the mask and the start weights once the
/// start is in place, then the final weights, metrics and sparsity, and the <c>done</c> marker with its manifest.
/// </summary>
/// <param name="paths">The run's paths.</param>
/// <param name="mask">The run's mask (borrowed).</param>
internal sealed class StoredRunOutput(RunPaths paths, Mask mask) : IRunOutput
{
    /// <inheritdoc/>
    public void Started(nn.Module<Tensor, Tensor> model)
    {
        mask.Save(paths.MaskFile);
        SafeTensors.Save(paths.StartFile, model.state_dict());
    }

    /// <inheritdoc/>
    public void Write(nn.Module<Tensor, Tensor> model, RunMetrics metrics)
    {
        SafeTensors.Save(paths.FinalFile, model.state_dict());
        RunResultsWriter.WriteMetrics(paths, metrics);
        RunResultsWriter.WriteSparsity(paths, mask.Sparsity());
    }

    /// <inheritdoc/>
    public void MarkDone() => RunResultsWriter.MarkDone(paths);
}
