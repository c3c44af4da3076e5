using LotteryTickets.Datasets;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Parts;

/// <summary>A model: flatten, one hidden ReLU layer, a linear output; registered as <c>tiny_mlp(hidden=16)</c>.</summary>
public sealed class TinyMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>Creates the network for <paramref name="input"/> samples and <paramref name="classes"/> classes.</summary>
    public TinyMlp(SampleShape input, int classes, int hidden)
        : base(nameof(TinyMlp))
    {
        fc1 = nn.Linear(input.Channels * input.Height * input.Width, hidden);
        fc2 = nn.Linear(hidden, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return fc2.forward(nn.functional.relu(fc1.forward(input.flatten(1)))).MoveToOuterDisposeScope();
    }
}
