using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Pruning;

/// <summary>
/// A user's own optimizer that the library does not know: SGD with heavy-ball momentum and L2 weight decay, written on
/// <c>torch.optim.Optimizer</c> directly (not TorchSharp's OptimizerHelper).
/// </summary>
internal sealed class HeavyBall(IEnumerable<Parameter> parameters, double lr, double momentum, double weightDecay = 0)
    : optim.Optimizer(IntPtr.Zero)
{
    private readonly Parameter[] owned = [.. parameters];
    private readonly Dictionary<Parameter, Tensor> velocity = [];

    public override Tensor step(Func<Tensor>? closure = null)
    {
        using (no_grad())
        {
            foreach (var p in owned)
            {
                using var grad = p.grad;
                if (grad is null)
                {
                    continue;
                }

                if (!velocity.TryGetValue(p, out var v))
                {
                    v = zeros_like(p).DetachFromDisposeScope();
                    velocity[p] = v;
                }

                v.mul_(momentum).add_(grad).add_(p, alpha: weightDecay);
                p.add_(v, alpha: -lr);
            }
        }

        return null!;
    }

    public override void zero_grad()
    {
        foreach (var p in owned)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    public override IEnumerable<Parameter> parameters() => owned;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var v in velocity.Values)
            {
                v.Dispose();
            }

            velocity.Clear();
        }

        base.Dispose(disposing);
    }
}
