using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// Masking written directly in TorchSharp, as a user without the library would: for each weight of rank 2 or more, a
/// boolean tensor of its pruned positions; after every optimizer step the pruned weights are set to zero under no_grad.
/// </summary>
internal sealed class PlainMasks : IDisposable
{
    private readonly List<(Parameter Weight, Tensor Pruned)> masks = [];

    /// <summary>Prunes the <paramref name="rate"/> smallest |w| of each weight (<paramref name="outputRate"/> for <paramref name="outputName"/>).</summary>
    public PlainMasks(nn.Module model, double rate, double outputRate, string? outputName)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (name, p) in model.named_parameters())
        {
            if (p.dim() < 2)
            {
                continue;
            }

            var r = name == outputName ? outputRate : rate;
            var k = (long)Math.Ceiling(r * p.numel());
            var magnitude = p.detach().abs();
            var pruned = k == 0
                ? torch.zeros_like(magnitude, dtype: ScalarType.Bool)
                : magnitude.le(magnitude.flatten().sort().Values[k - 1]);
            masks.Add((p, pruned.DetachFromDisposeScope()));
        }
    }

    /// <summary>How many weights are pruned.</summary>
    public long PrunedCount
    {
        get
        {
            using var scope = torch.NewDisposeScope();
            return masks.Sum(m => m.Pruned.count_nonzero().item<long>());
        }
    }

    /// <summary>Sets every pruned weight to +0.0.</summary>
    public void Apply()
    {
        using var noGrad = torch.no_grad();
        foreach (var (weight, pruned) in masks)
        {
            weight.masked_fill_(pruned, 0);
        }
    }

    public void Dispose()
    {
        foreach (var (_, pruned) in masks)
        {
            pruned.Dispose();
        }
    }
}
