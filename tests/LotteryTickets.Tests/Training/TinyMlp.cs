using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training;

/// <summary>Flatten → Linear(64, 32) → ReLU → Dropout(0.2) → Linear(32, 4), initialized and dropping out from seeded generators.</summary>
internal sealed class TinyMlp : nn.Module<Tensor, Tensor>
{
    private readonly Sequential body;

    public TinyMlp(ulong seed)
        : base(nameof(TinyMlp))
    {
        var fc1 = nn.Linear(64, 32);
        var fc2 = nn.Linear(32, 4);
        using (var init = new Generator(seed))
        {
            SeededLinear.Reset(fc1, init);
            SeededLinear.Reset(fc2, init);
        }

        body = nn.Sequential(nn.Flatten(), fc1, nn.ReLU(), new SeededDropout(0.2, seed + 1000), fc2);
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
