using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training;

/// <summary>Flatten → Linear(64, 32) → ReLU → TorchSharp's Dropout(0.2), which draws from the global generator → Linear(32, 4).</summary>
internal sealed class GlobalDropoutMlp : nn.Module<Tensor, Tensor>
{
    private readonly Sequential body;

    public GlobalDropoutMlp()
        : base(nameof(GlobalDropoutMlp))
    {
        body = nn.Sequential(nn.Flatten(), nn.Linear(64, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 4));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => body.call(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
        }

        base.Dispose(disposing);
    }
}
