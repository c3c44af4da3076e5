using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Tests.Training;

/// <summary>Flatten → Linear(64, 32) → ReLU → Dropout(0.2) → Linear(32, 4), initialized and dropping out from seeded generators.</summary>
internal sealed class TinyMlp : Module
{
    private readonly Generator dropout;
    private readonly Sequential body;

    public TinyMlp(ulong seed)
    {
        using var init = new Generator(seed);
        dropout = new Generator(seed + 1000);
        body = RegisterModule(
            "body",
            new Sequential(new Flatten(), new Linear(64, 32, generator: init), new ReLU(), new Dropout(0.2, dropout), new Linear(32, 4, generator: init)));
    }

    public override Tensor Forward(Tensor input) => body.Forward(input);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            dropout.Dispose();
        }
    }
}
