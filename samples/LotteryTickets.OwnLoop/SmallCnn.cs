using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.OwnLoop;

/// <summary>A user's own CNN for 1×28×28 images: two 3×3 convolutions with max pooling, then two linear layers.</summary>
public sealed class SmallCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1 = nn.Conv2d(1, 8, 3, padding: 1);
    private readonly Conv2d conv2 = nn.Conv2d(8, 16, 3, padding: 1);
    private readonly Linear fc1 = nn.Linear(16 * 7 * 7, 64);
    private readonly Linear fc2 = nn.Linear(64, 10);

    /// <summary>Creates the network; its weights come from TorchSharp's global generator (seed it with <c>torch.manual_seed</c>).</summary>
    public SmallCnn()
        : base(nameof(SmallCnn)) => RegisterComponents();

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.max_pool2d(nn.functional.relu(conv1.call(input)), 2);
        h = nn.functional.max_pool2d(nn.functional.relu(conv2.call(h)), 2);
        h = nn.functional.relu(fc1.call(h.flatten(1)));
        return fc2.call(h).MoveToOuterDisposeScope();
    }
}
