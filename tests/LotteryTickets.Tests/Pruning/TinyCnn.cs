using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Pruning;

/// <summary>A user's own small CNN for 1×8×8 inputs and 3 classes: a convolution, then two linear layers; seeded weights.</summary>
internal sealed class TinyCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv = nn.Conv2d(1, 4, 3);
    private readonly Linear fc1 = nn.Linear(4 * 6 * 6, 16);
    private readonly Linear fc2 = nn.Linear(16, 3);

    public TinyCnn(ulong seed)
        : base(nameof(TinyCnn))
    {
        RegisterComponents();
        using var generator = new Generator(seed);
        using (no_grad())
        {
            foreach (var p in parameters())
            {
                p.uniform_(-0.3, 0.3, generator);
            }
        }
    }

    /// <summary>The parameters' type.</summary>
    public ScalarType Dtype => fc1.weight!.dtype;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(conv.call(input)).flatten(1);
        return fc2.call(nn.functional.relu(fc1.call(h))).MoveToOuterDisposeScope();
    }

    /// <summary>Pruned positions whose bits are not exactly +0.0 (−0.0 counts), in float32 or float64 parameters.</summary>
    public static long NotPositiveZeroAtPruned(nn.Module model, LotteryTickets.Masks.Mask mask)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        long count = 0;
        foreach (var name in mask.Names)
        {
            using var w = parameters[name].detach().to(ScalarType.Float64).cpu().contiguous();
            using var m = mask[name].cpu().contiguous();
            var values = w.data<double>().ToArray();
            var keep = m.data<float>().ToArray();
            count += values.Where((v, i) => keep[i] == 0 && BitConverter.DoubleToInt64Bits(v) != 0).LongCount();
        }

        return count;
    }
}
