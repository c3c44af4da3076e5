using LotteryTickets.Training;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training;

/// <summary>Dropout drawing its masks from a generator of its own (so a trainer tracks it, see <see cref="IRandomModule"/>).</summary>
internal sealed class SeededDropout : nn.Module<Tensor, Tensor>, IRandomModule
{
    private readonly double p;

    public SeededDropout(double p, ulong seed)
        : base(nameof(SeededDropout))
    {
        this.p = p;
        Generator = new Generator(seed);
    }

    public Generator Generator { get; }

    public override Tensor forward(Tensor input)
    {
        if (!training || p == 0)
        {
            return input.alias();
        }

        using var keep = empty_like(input).bernoulli_(1 - p, Generator);
        return input.mul(keep).div_(1 - p);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Generator.Dispose();
        }

        base.Dispose(disposing);
    }
}
